// The consent list and form, shared by the online case page (API) and the offline one (queued
// on the device): the same words, the same fields, whichever way it is saved.
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES } from '../../../../core/index.ts';
import { formatDateTime } from '../../../i18n.ts';
import { CheckboxList } from '../../../ui/CheckboxList.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';

export const CONSENT_PURPOSES = ['services', 'sharing', 'tracing', 'statistics'] as const;
const GIVERS = ['person', 'parent_or_guardian', 'other_representative'] as const;

/** Consent (or its refusal) for one purpose; withdrawn consents stay on record. */
export interface Consent {
  id: string;
  purpose: string;
  agencyTypes: string[];
  given: boolean;
  givenBy: string;
  recordedAt: string;
  withdrawnAt: string | null;
}

/** What recording a consent sends (`POST /cases/:id/consents`, or a device's `case.consent`). */
export interface ConsentInput {
  purpose: string;
  given: boolean;
  givenBy: string;
  agencyTypes?: string[];
}

/** A purpose's label in the user's language. */
export function usePurposeLabel(): (purpose: string) => string {
  const { t } = useTranslation();
  return (p) => t(`ui.cases.consent.purposes.${p}`, { defaultValue: p });
}

/** The consents of a case; `note` adds a line under one (e.g. "not sent yet"). */
export function ConsentItems(props: {
  items: readonly Consent[];
  writable: boolean;
  onWithdraw: (consent: Consent) => void;
  note?: (consent: Consent) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const purposeLabel = usePurposeLabel();
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  const agencyLabel = (v: string) => t(`ui.agencyTypes.${v}`, { defaultValue: v });
  if (props.items.length === 0) return <p className="empty">{t('ui.cases.consent.none')}</p>;
  return (
    <ul className="item-list compact" aria-label={t('ui.cases.consent.listLabel')}>
      {props.items.map((c) => (
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
          {props.note?.(c)}
          {props.writable && !c.withdrawnAt ? (
            <button
              type="button"
              className="button danger small"
              onClick={() => props.onWithdraw(c)}
              aria-label={t('ui.cases.consent.withdrawNamed', { purpose: purposeLabel(c.purpose) })}
            >
              {t('ui.cases.consent.withdraw')}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The form to record a consent. `onSubmit` answers whether it was saved (the form then
 * clears); `status` shows above the fields (saved, queued).
 */
export function ConsentForm(props: {
  busy: boolean;
  error: unknown;
  status?: ReactNode;
  onSubmit: (input: ConsentInput) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const purposeLabel = usePurposeLabel();
  const [purpose, setPurpose] = useState('');
  const [given, setGiven] = useState('yes');
  const [givenBy, setGivenBy] = useState('person');
  const [agencyTypes, setAgencyTypes] = useState<string[]>([]);
  const [missing, setMissing] = useState(false);
  const sharing = purpose === 'sharing';
  const agencyLabel = (v: string) => t(`ui.agencyTypes.${v}`, { defaultValue: v });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const incomplete = !purpose || (sharing && agencyTypes.length === 0);
    setMissing(incomplete);
    if (incomplete) return;
    const saved = await props.onSubmit({
      purpose,
      given: given === 'yes',
      givenBy,
      ...(sharing ? { agencyTypes } : {}),
    });
    if (saved) {
      setPurpose('');
      setAgencyTypes([]);
    }
  };

  return (
    <form
      className="form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('ui.cases.consent.add')}
    >
      {props.status}
      <SelectField
        id="consent-purpose"
        label={t('ui.cases.consent.purpose')}
        value={purpose}
        onChange={setPurpose}
        options={[
          { value: '', label: t('ui.cases.consent.choosePurpose') },
          ...CONSENT_PURPOSES.map((p) => ({ value: p, label: purposeLabel(p) })),
        ]}
      />
      {sharing ? (
        <CheckboxList
          name="consent-agencies"
          legend={t('ui.cases.consent.agencies')}
          options={AGENCY_TYPES.map((v) => ({ value: v, label: agencyLabel(v) }))}
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
      <ErrorAlert error={missing ? t('ui.common.fillRequired') : props.error} />
      <button type="submit" className="button secondary" disabled={props.busy}>
        {props.busy ? t('ui.common.saving') : t('ui.cases.consent.add')}
      </button>
    </form>
  );
}

/**
 * The sharing consent in force for an agency type: the latest record that names it decides
 * (as the server's check does), withdrawn ones aside. Undefined when none names it.
 */
export function sharingConsentFor(
  consents: readonly Consent[],
  agencyType: string,
): Consent | undefined {
  return [...consents]
    .filter((c) => c.purpose === 'sharing' && !c.withdrawnAt && c.agencyTypes.includes(agencyType))
    .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt))[0];
}

/** Asks before withdrawing a consent (it stays on record, withdrawn from today). */
export function WithdrawConsentDialog(props: {
  consent: Consent | null;
  busy: boolean;
  error: unknown;
  onConfirm: (consent: Consent) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const purposeLabel = usePurposeLabel();
  const { consent } = props;
  return (
    <ConfirmDialog
      open={consent !== null}
      title={t('ui.cases.consent.confirm.title')}
      message={
        <p>
          {t('ui.cases.consent.confirm.text', {
            purpose: consent ? purposeLabel(consent.purpose) : '',
          })}
        </p>
      }
      confirmLabel={t('ui.cases.consent.withdraw')}
      busy={props.busy}
      error={props.error}
      onConfirm={() => consent && props.onConfirm(consent)}
      onCancel={props.onCancel}
    />
  );
}
