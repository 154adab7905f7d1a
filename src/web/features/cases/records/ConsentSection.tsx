import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useMeta } from '../../../api/directory.ts';
import { formatDateTime } from '../../../i18n.ts';
import { useAction } from '../../../lib/useAction.ts';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { CheckboxList } from '../../../ui/CheckboxList.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { usePlanPost } from '../plan/usePlanPost.ts';

const PURPOSES = ['services', 'sharing', 'tracing', 'statistics'] as const;
const GIVERS = ['person', 'parent_or_guardian', 'other_representative'] as const;

/** Consent (or its refusal) for one purpose; withdrawn consents stay on record. */
interface Consent {
  id: string;
  purpose: string;
  agencyTypes: string[];
  given: boolean;
  givenBy: string;
  recordedAt: string;
  withdrawnAt: string | null;
}

/** The case's consents per purpose, a form to record one, and withdrawal with confirmation. */
export function ConsentSection(props: { caseId: string; writable: boolean }) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const base = `/cases/${encodeURIComponent(props.caseId)}/consents`;
  const { data, error, loading, reload } = useApiGet<{ items: Consent[] }>(base);
  const [purpose, setPurpose] = useState('');
  const [given, setGiven] = useState('yes');
  const [givenBy, setGivenBy] = useState('person');
  const [agencyTypes, setAgencyTypes] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const post = usePlanPost(props.caseId, 'consents', () => {
    setPurpose('');
    setAgencyTypes([]);
    reload();
  });
  const withdraw = useAction(async (consent: Consent) => {
    await api('POST', `${base}/${encodeURIComponent(consent.id)}/withdraw`);
    setWithdrawing(null);
    reload();
  });
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  const purposeLabel = (p: string) => t(`ui.cases.consent.purposes.${p}`, { defaultValue: p });
  const agencyLabel = (v: string) => t(`ui.agencyTypes.${v}`, { defaultValue: v });
  const sharing = purpose === 'sharing';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const incomplete = !purpose || (sharing && agencyTypes.length === 0);
    setMissing(incomplete);
    if (incomplete) return;
    void post.run({
      purpose,
      given: given === 'yes',
      givenBy,
      ...(sharing ? { agencyTypes } : {}),
    });
  };

  return (
    <section className="panel" aria-labelledby="case-consent">
      <h2 id="case-consent">{t('ui.cases.consent.title')}</h2>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? (
        <p className="empty">{t('ui.cases.consent.none')}</p>
      ) : null}
      <ul className="item-list compact" aria-label={t('ui.cases.consent.listLabel')}>
        {(data?.items ?? []).map((c) => (
          <li key={c.id} className="item">
            <div className="item-main">
              <span className="item-title">{purposeLabel(c.purpose)}</span>
              <span className={`tag ${c.given ? 'tag-ok' : 'tag-bad'}`}>
                {c.given ? t('ui.cases.consent.given') : t('ui.cases.consent.refused')}
              </span>
              {c.withdrawnAt ? (
                <span className="tag tag-warn">
                  {t('ui.cases.consent.withdrawnOn', { date: date(c.withdrawnAt) })}
                </span>
              ) : null}
            </div>
            {c.agencyTypes.length > 0 ? (
              <p className="item-meta">
                {t('ui.cases.consent.withAgencies', {
                  agencies: c.agencyTypes.map(agencyLabel).join(', '),
                })}
              </p>
            ) : null}
            <p className="item-meta">
              {t('ui.cases.consent.recorded', {
                at: date(c.recordedAt),
                by: t(`ui.cases.consent.givers.${c.givenBy}`, { defaultValue: c.givenBy }),
              })}
            </p>
            {props.writable && !c.withdrawnAt ? (
              <button
                type="button"
                className="button danger small"
                onClick={() => setWithdrawing(c)}
                aria-label={t('ui.cases.consent.withdrawNamed', {
                  purpose: purposeLabel(c.purpose),
                })}
              >
                {t('ui.cases.consent.withdraw')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {props.writable ? (
        <form className="form" onSubmit={submit} noValidate aria-label={t('ui.cases.consent.add')}>
          <Notice>{post.saved > 0 ? t('ui.common.saved') : null}</Notice>
          <SelectField
            id="consent-purpose"
            label={t('ui.cases.consent.purpose')}
            value={purpose}
            onChange={setPurpose}
            options={[
              { value: '', label: t('ui.cases.consent.choosePurpose') },
              ...PURPOSES.map((p) => ({ value: p, label: purposeLabel(p) })),
            ]}
          />
          {sharing ? (
            <CheckboxList
              name="consent-agencies"
              legend={t('ui.cases.consent.agencies')}
              options={(meta?.agencyTypes ?? []).map((v) => ({ value: v, label: agencyLabel(v) }))}
              selected={agencyTypes}
              onChange={setAgencyTypes}
            />
          ) : null}
          <SelectField
            id="consent-given"
            label={t('ui.cases.consent.answer')}
            value={given}
            onChange={setGiven}
            options={[
              { value: 'yes', label: t('ui.cases.consent.given') },
              { value: 'no', label: t('ui.cases.consent.refused') },
            ]}
          />
          <SelectField
            id="consent-given-by"
            label={t('ui.cases.consent.givenBy')}
            value={givenBy}
            onChange={setGivenBy}
            options={GIVERS.map((g) => ({ value: g, label: t(`ui.cases.consent.givers.${g}`) }))}
          />
          <ErrorAlert error={missing ? t('ui.common.fillRequired') : post.error} />
          <button type="submit" className="button secondary" disabled={post.busy}>
            {post.busy ? t('ui.common.saving') : t('ui.cases.consent.add')}
          </button>
        </form>
      ) : null}
      <ConfirmDialog
        open={withdrawing !== null}
        title={t('ui.cases.consent.confirm.title')}
        message={
          <p>
            {t('ui.cases.consent.confirm.text', {
              purpose: withdrawing ? purposeLabel(withdrawing.purpose) : '',
            })}
          </p>
        }
        confirmLabel={t('ui.cases.consent.withdraw')}
        busy={withdraw.busy}
        error={withdraw.error}
        onConfirm={() => withdrawing && void withdraw.run(withdrawing)}
        onCancel={() => {
          setWithdrawing(null);
          withdraw.setError(null);
        }}
      />
    </section>
  );
}
