import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import type { LocalCase } from '../../offline/localCases.ts';
import type { OfflineReference } from '../../offline/reference.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextAreaField } from '../../ui/TextAreaField.tsx';
import { sharingConsentFor } from '../cases/records/consentParts.tsx';

const MIN_JUSTIFICATION = 20;

/**
 * Referrals queued on this device, and a short form to queue one: the service (from the
 * directory as of the last sync), the reason, and — only when the device holds no consent to
 * share with the service's kind of agency (pulled, or recorded here before) — why it is shared
 * without. The server checks eligibility and consent when it syncs; a refusal shows on the sync
 * page, nothing is lost.
 */
export function OfflineReferrals(props: {
  local: LocalCase;
  reference: OfflineReference | null;
  writable: boolean;
  onQueue: (kind: string, payload: unknown) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [serviceId, setServiceId] = useState('');
  const [reason, setReason] = useState('');
  const [justification, setJustification] = useState('');
  const [error, setError] = useState<string | null>(null);
  const services = props.reference?.services ?? [];
  const agencyType = services.find((s) => s.id === serviceId)?.agency?.type;
  const consent = agencyType ? sharingConsentFor(props.local.consents, agencyType) : undefined;
  const withConsent = consent?.given === true;
  const typeLabel = agencyType
    ? t(`ui.agencyTypes.${agencyType}`, { defaultValue: agencyType })
    : '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (
      !serviceId ||
      !reason.trim() ||
      (!withConsent && justification.trim().length < MIN_JUSTIFICATION)
    )
      return setError(t('ui.common.fillRequired'));
    setError(null);
    await props.onQueue('referral.create', {
      serviceId,
      shareLevel: 'minimal',
      reason: reason.trim(),
      ...(withConsent ? {} : { consentOverride: justification.trim() }),
      idempotencyKey: crypto.randomUUID(),
    });
    setOpen(false);
    setServiceId('');
    setReason('');
    setJustification('');
  };
  return (
    <section className="panel" aria-labelledby="offline-referrals">
      <h2 id="offline-referrals">{t('ui.referrals.caseTitle')}</h2>
      {props.local.referrals.length === 0 ? (
        <p className="empty">{t('ui.sync.offline.noQueuedReferral')}</p>
      ) : (
        <ul className="item-list">
          {props.local.referrals.map((r) => (
            <li key={r.mutationId} className="item">
              <p className="item-title">{r.serviceName}</p>
              <p className="item-meta">
                {r.reason} · {t('ui.sync.offline.notSentYet')}
              </p>
            </li>
          ))}
        </ul>
      )}
      {props.writable && !open ? (
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          {t('ui.referrals.refer.open')}
        </button>
      ) : null}
      {props.writable && open ? (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <p className="hint">{t('ui.sync.offline.referralHint')}</p>
          <ErrorAlert error={error} />
          {services.length === 0 ? (
            <p className="alert alert-info">{t('ui.sync.offline.noServices')}</p>
          ) : null}
          <SelectField
            id="offline-service"
            label={t('ui.referrals.service')}
            value={serviceId}
            onChange={setServiceId}
            options={[
              { value: '', label: t('ui.sync.offline.chooseService') },
              ...services.map((s) => ({ value: s.id, label: s.name })),
            ]}
          />
          <TextAreaField
            id="offline-reason"
            label={t('ui.referrals.refer.reason')}
            value={reason}
            onChange={setReason}
          />
          {withConsent && consent ? (
            <p className="alert alert-info">
              {t('ui.referrals.refer.consentRecorded', {
                type: typeLabel,
                at: formatDateTime(consent.recordedAt, i18n.language),
              })}
            </p>
          ) : (
            <>
              {agencyType ? (
                <p className="hint">
                  {t('ui.referrals.refer.consentMissing', { type: typeLabel })}{' '}
                  {t('ui.sync.offline.consentHow')}
                </p>
              ) : null}
              <TextAreaField
                id="offline-justification"
                label={t('ui.referrals.refer.justification', { min: MIN_JUSTIFICATION })}
                value={justification}
                onChange={setJustification}
              />
            </>
          )}
          <div className="row-actions">
            <button type="submit" className="button primary">
              {t('ui.sync.offline.queueReferral')}
            </button>
            <button type="button" className="button secondary" onClick={() => setOpen(false)}>
              {t('ui.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
