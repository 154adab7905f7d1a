import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import { formatDateTime } from '../../i18n.ts';
import { useAction } from '../../lib/useAction.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { draftProblem, draftText, draftValue, FieldValueInput } from './FieldValueInput.tsx';
import { fieldLabel, valueText } from './fieldText.ts';
import type { ResolveChoice, SyncConflict } from './syncTypes.ts';

interface ConflictItemProps {
  conflict: SyncConflict;
  /** Labels of the devices the reader knows (their own), by id. */
  deviceLabels: ReadonlyMap<string, string>;
  /** False for readers who may not change cases: no resolve form. */
  writable: boolean;
  onResolved: (outcome: 'resolved' | 'already') => void;
}

const CHOICES: ResolveChoice[] = ['server', 'device', 'value'];

/** One conflict: the field, both values side by side, where the change came from, and the decision. */
export function ConflictItem({
  conflict: c,
  deviceLabels,
  writable,
  onResolved,
}: ConflictItemProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const label = fieldLabel(t, c.field);
  const show = (value: SyncConflict['serverValue']) => valueText(t, c.field, value, i18n.language);
  const at = formatDateTime(c.createdAt, i18n.language);
  // The device the change came from, when the server recorded one (a stale case page has none).
  const source =
    c.deviceId === null
      ? t('ui.sync.conflicts.received', { at })
      : t('ui.sync.conflicts.fromDevice', {
          at,
          device: deviceLabels.get(c.deviceId) ?? t('ui.sync.conflicts.otherDevice'),
        });
  return (
    <li className="item conflict" aria-labelledby={headingId}>
      <div className="item-main">
        <h3 id={headingId} className="item-title conflict-field">
          {label}
        </h3>
        {c.resolvedAt ? (
          <span className="tag tag-ok">{t('ui.sync.conflicts.resolvedTag')}</span>
        ) : (
          <span className="tag tag-warn">{t('ui.sync.conflicts.openTag')}</span>
        )}
      </div>
      <dl className="conflict-values">
        <div className="conflict-value">
          <dt>{t('ui.sync.conflicts.serverValue')}</dt>
          <dd data-testid="server-value">{show(c.serverValue)}</dd>
        </div>
        <div className="conflict-value">
          <dt>{t('ui.sync.conflicts.deviceValue')}</dt>
          <dd data-testid="device-value">{show(c.deviceValue)}</dd>
        </div>
      </dl>
      <p className="item-meta">{source}</p>
      {c.resolvedAt && c.resolution ? (
        <p className="item-meta" data-testid="resolution">
          {t('ui.sync.conflicts.resolvedMeta', {
            at: formatDateTime(c.resolvedAt, i18n.language),
          })}{' '}
          {t(`ui.sync.conflicts.resolutions.${c.resolution.choice}`, {
            value: show(c.resolution.value),
          })}
        </p>
      ) : null}
      {!c.resolvedAt && writable ? (
        <ResolveForm conflict={c} label={label} onResolved={onResolved} />
      ) : null}
    </li>
  );
}

/** Pick: keep the server value, use the device's, or enter another; then confirm. */
function ResolveForm(props: {
  conflict: SyncConflict;
  label: string;
  onResolved: ConflictItemProps['onResolved'];
}) {
  const { t } = useTranslation();
  const c = props.conflict;
  const [choice, setChoice] = useState<ResolveChoice | null>(null);
  const [text, setText] = useState(draftText(c.deviceValue));
  const [problem, setProblem] = useState<string | null>(null);
  const problemId = useId();
  const resolve = useAction(async (body: { choice: ResolveChoice; value?: unknown }) => {
    try {
      await api('POST', `/sync/conflicts/${encodeURIComponent(c.id)}/resolve`, body);
      props.onResolved('resolved');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict_resolved') props.onResolved('already');
      else throw e;
    }
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong =
      choice === null
        ? t('ui.sync.conflicts.chooseFirst')
        : choice === 'value'
          ? draftProblem(t, c.field, text)
          : null;
    setProblem(wrong);
    if (wrong || choice === null) return;
    void resolve.run(
      choice === 'value' ? { choice, value: draftValue(c.field, text) } : { choice },
    );
  };
  return (
    <form
      className="conflict-resolve"
      onSubmit={submit}
      aria-label={t('ui.sync.conflicts.resolveLabel', { field: props.label })}
      noValidate
    >
      <fieldset className="plain">
        <legend>{t('ui.sync.conflicts.choiceLabel')}</legend>
        <div className="radio-row conflict-choices">
          {CHOICES.map((k) => (
            <label key={k} className="check">
              <input
                type="radio"
                name={`resolve-${c.id}`}
                value={k}
                checked={choice === k}
                onChange={() => {
                  setChoice(k);
                  setProblem(null);
                }}
              />
              <span>{t(`ui.sync.conflicts.choices.${k}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {choice === 'value' ? (
        <FieldValueInput
          field={c.field}
          label={t('ui.sync.conflicts.newValue', { field: props.label })}
          value={text}
          onChange={setText}
          errorId={problem ? problemId : undefined}
        />
      ) : null}
      {problem ? (
        <p id={problemId} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorAlert error={resolve.error} />
      <div className="row-actions">
        <button type="submit" className="button primary" disabled={resolve.busy}>
          {resolve.busy ? t('ui.common.working') : t('ui.sync.conflicts.resolve')}
        </button>
      </div>
    </form>
  );
}
