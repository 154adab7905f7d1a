import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShareLevel } from '../../../../core/index.ts';
import { ApiError, api } from '../../../api/client.ts';
import { useAgencies } from '../../../api/directory.ts';
import { formatDateTime } from '../../../i18n.ts';
import { useAction } from '../../../lib/useAction.ts';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { TextAreaField } from '../../../ui/TextAreaField.tsx';
import type { Service } from '../../directory/directoryTypes.ts';
import { useServiceTypes } from '../../directory/useDirectoryData.ts';
import type { ReferralView } from '../../referrals/referralTypes.ts';
import type { CaseDetail } from '../caseTypes.ts';
import {
  type ConsentRecord,
  MIN_OVERRIDE_LENGTH,
  newIdempotencyKey,
  sharingConsentFor,
} from './referralDraft.ts';
import { ServicePicker } from './ServicePicker.tsx';
import { SharePicker } from './SharePicker.tsx';

/** Why the chosen service refused this person (409 service_not_eligible), in words. */
function EligibilityProblems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'service_not_eligible') return null;
  const problems = Array.isArray(error.problem?.problems)
    ? (error.problem.problems as string[])
    : [];
  return (
    <ul className="problems" aria-label={t('ui.cases.actions.problems')}>
      {problems.map((p) => (
        <li key={p}>{t(`ui.referrals.refer.notEligible.${p}`, { defaultValue: p })}</li>
      ))}
    </ul>
  );
}

/**
 * Refer the case: choose an eligible service, how much to share (the exact
 * fields shown), why; consent to share with that kind of agency is checked, and
 * without it the user records it in the Consent section or justifies sharing.
 * One idempotency key per open form: a double click or a retry after a network
 * error creates one referral.
 */
export function ReferForm(props: {
  detail: CaseDetail;
  /** A declined or cancelled referral this one replaces: its choices are the starting point. */
  previous?: ReferralView | null;
  onSent: (referral: ReferralView) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const previous = props.previous ?? null;
  const [idempotencyKey] = useState(newIdempotencyKey);
  const types = useServiceTypes();
  const agencies = useAgencies();
  const consents = useApiGet<{ items: ConsentRecord[] }>(
    `/cases/${encodeURIComponent(props.detail.id)}/consents`,
  );
  const [type, setType] = useState(previous?.service.type ?? '');
  const [service, setService] = useState<Service | null>(null);
  const [level, setLevel] = useState<ShareLevel>(
    (previous?.shareLevel as ShareLevel | undefined) ?? 'minimal',
  );
  const [fields, setFields] = useState<string[]>(
    previous?.shareLevel === 'fields' ? previous.sharedFields : [],
  );
  const [reason, setReason] = useState(previous?.reason ?? '');
  const [override, setOverride] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [refusedForConsent, setRefusedForConsent] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const agency = service?.agency
    ? (agencies?.find((a) => a.id === service.agency?.id) ?? null)
    : null;
  const consent =
    agency && consents.data ? sharingConsentFor(consents.data.items, agency.type) : undefined;
  const consentMissing =
    refusedForConsent || (agency !== null && consents.data !== null && !consent);

  const send = useAction(async () => {
    try {
      const referral = await api<ReferralView>(
        'POST',
        `/cases/${encodeURIComponent(props.detail.id)}/referrals`,
        {
          serviceId: service?.id,
          shareLevel: level,
          ...(level === 'fields' ? { fields } : {}),
          reason: reason.trim(),
          ...(override.trim() ? { consentOverride: override.trim() } : {}),
          idempotencyKey,
        },
      );
      props.onSent(referral);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'consent_required') setRefusedForConsent(true);
      throw e;
    }
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let missing: string | null = null;
    if (!service) missing = 'ui.referrals.refer.chooseService';
    else if (level === 'fields' && fields.length === 0) missing = 'ui.referrals.refer.noFields';
    else if (!reason.trim()) missing = 'ui.referrals.refer.reasonMissing';
    else if (override.trim() && override.trim().length < MIN_OVERRIDE_LENGTH)
      missing = 'ui.referrals.refer.justificationShort';
    setProblem(missing);
    if (!missing) void send.run();
  };

  const agencyType = agency
    ? t(`ui.agencyTypes.${agency.type}`, { defaultValue: agency.type })
    : '';
  return (
    <form
      className="form refer-steps"
      onSubmit={submit}
      noValidate
      aria-labelledby="refer-title"
      data-testid="refer-form"
    >
      <h3 id="refer-title" ref={heading} tabIndex={-1}>
        {previous
          ? t('ui.referrals.refer.againTitle', { number: previous.number })
          : t('ui.referrals.refer.title')}
      </h3>
      <ServicePicker
        detail={props.detail}
        types={types}
        type={type}
        onType={(v) => {
          setType(v);
          setService(null);
        }}
        chosen={service}
        onChoose={(s) => {
          setService(s);
          setRefusedForConsent(false);
          consents.reload();
        }}
        triedServiceId={previous?.service.id}
      />
      <SharePicker
        level={level}
        onLevel={setLevel}
        fields={fields}
        onFields={setFields}
        agency={service?.agency?.name ?? null}
      />
      <fieldset>
        <legend>{t('ui.referrals.refer.reasonStep')}</legend>
        <TextAreaField
          id="refer-reason"
          label={t('ui.referrals.refer.reason')}
          value={reason}
          onChange={(v) => setReason(v.slice(0, 2000))}
          rows={4}
        />
      </fieldset>
      {service && agency ? (
        <fieldset data-testid="refer-consent">
          <legend>{t('ui.referrals.refer.consentStep')}</legend>
          {consent && !refusedForConsent ? (
            <p className="alert alert-ok">
              {t('ui.referrals.refer.consentRecorded', {
                type: agencyType,
                at: formatDateTime(consent.recordedAt, i18n.language),
              })}
            </p>
          ) : null}
          {consentMissing ? (
            <>
              <div className="alert alert-warn" role={refusedForConsent ? 'alert' : undefined}>
                <p>
                  <strong>{t('ui.referrals.refer.consentMissing', { type: agencyType })}</strong>
                </p>
                <p>{t('ui.referrals.refer.consentHow')}</p>
                <p className="row-actions">
                  <a href="#case-consent">{t('ui.referrals.refer.toConsent')}</a>
                  <button
                    type="button"
                    className="button secondary small"
                    onClick={() => {
                      setRefusedForConsent(false);
                      consents.reload();
                    }}
                  >
                    {t('ui.referrals.refer.checkAgain')}
                  </button>
                </p>
              </div>
              <TextAreaField
                id="refer-justification"
                label={t('ui.referrals.refer.justification', { min: MIN_OVERRIDE_LENGTH })}
                value={override}
                onChange={(v) => setOverride(v.slice(0, 2000))}
              />
              <p className="hint" aria-live="polite">
                {t('ui.referrals.refer.justificationCount', { count: override.trim().length })}
              </p>
            </>
          ) : null}
          <ErrorAlert error={consents.error} />
        </fieldset>
      ) : null}
      <ErrorAlert error={problem ? t(problem, { min: MIN_OVERRIDE_LENGTH }) : send.error} />
      <EligibilityProblems error={problem ? null : send.error} />
      <div className="row-actions">
        <button type="submit" className="button primary" disabled={send.busy}>
          {send.busy ? t('ui.referrals.refer.sending') : t('ui.referrals.refer.send')}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}
