import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatDateTime } from '../../../i18n.ts';
import { useAction } from '../../../lib/useAction.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import type { CaseDetail } from '../caseTypes.ts';
import { CASE_TOPICS } from '../labels.ts';
import { ChildLabourForm } from './ChildLabourForm.tsx';
import { ForcedLabourForm } from './ForcedLabourForm.tsx';
import { ScreeningResult } from './ScreeningResult.tsx';
import { TraffickingForm } from './TraffickingForm.tsx';
import { useScreeningRules } from './useScreeningRules.ts';

/** Stored screenings (newest first) and a form to run a new one of any kind. */
export function ScreeningsSection({
  detail,
  onSaved,
  submit,
}: {
  detail: CaseDetail;
  onSaved: () => void;
  /** Where a new screening goes instead of the server (offline: the device's outbox). */
  submit?: (kind: string, inputs: Record<string, unknown>) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const rules = useScreeningRules();
  const [kind, setKind] = useState<string>(detail.topics[0] ?? 'child_labour');
  const [saved, setSaved] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const save = useAction(async (inputs: Record<string, unknown>) => {
    setSaved(false);
    if (submit) await submit(kind, inputs);
    else await api('POST', `/cases/${encodeURIComponent(detail.id)}/screenings`, { kind, inputs });
    setSaved(true);
    setFormKey((n) => n + 1);
    onSaved();
  });
  const writable = can('case:write:agency') && detail.step !== 'closed';
  const common = {
    busy: save.busy,
    error: save.error,
    onSave: (i: Record<string, unknown>) => void save.run(i),
  };
  const stored = [...detail.screenings].reverse();
  return (
    <section className="panel" aria-labelledby="case-screenings">
      <h2 id="case-screenings">{t('ui.cases.screening.title')}</h2>
      {stored.length === 0 ? <p className="empty">{t('ui.cases.screening.none')}</p> : null}
      {stored.map((s) => (
        <article key={s.id} className="screening" aria-labelledby={`screening-${s.id}`}>
          <h3 id={`screening-${s.id}`}>
            {t(`ui.cases.screening.kinds.${s.kind}`, { defaultValue: s.kind })}
          </h3>
          <p className="item-meta">
            {t('ui.cases.screening.storedMeta', {
              at: formatDateTime(s.createdAt, i18n.language),
              rules: `${s.rulesId} ${s.rulesVersion}`,
            })}
          </p>
          <ScreeningResult kind={s.kind} result={s.result} />
        </article>
      ))}
      {writable ? (
        <div className="new-screening">
          <h3>{t('ui.cases.screening.newTitle')}</h3>
          <Notice>{saved ? t('ui.cases.screening.saved') : null}</Notice>
          <fieldset className="radio-row">
            <legend>{t('ui.cases.screening.kindLabel')}</legend>
            {CASE_TOPICS.map((k) => (
              <label key={k} className="check">
                <input
                  type="radio"
                  name="screening-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    save.setError(null);
                  }}
                />
                <span>{t(`ui.cases.screening.kinds.${k}`)}</span>
              </label>
            ))}
          </fieldset>
          {kind === 'child_labour' ? (
            <ChildLabourForm
              key={formKey}
              person={detail.person}
              rules={rules?.childLabour ?? null}
              {...common}
            />
          ) : null}
          {kind === 'forced_labour' ? (
            <ForcedLabourForm key={formKey} rules={rules?.forcedLabour ?? null} {...common} />
          ) : null}
          {kind === 'trafficking' ? (
            <TraffickingForm
              key={formKey}
              age={detail.person.age}
              rules={rules?.trafficking ?? null}
              {...common}
            />
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
