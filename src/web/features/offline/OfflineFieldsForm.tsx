import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS } from '../../../core/index.ts';
import { type CaseRecord, fieldValue } from '../../offline/localCases.ts';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { SelectField } from '../../ui/SelectField.tsx';

const EDITABLE = ['person.givenName', 'person.familyName', 'case.riskLevel'] as const;
type Editable = (typeof EDITABLE)[number];

/**
 * Corrects the name or the risk level offline. Each changed field is queued with the version
 * it was based on, so a change made meanwhile on the server becomes a conflict to review,
 * never a silent overwrite.
 */
export function OfflineFieldsForm(props: {
  detail: CaseRecord;
  onQueue: (kind: string, payload: unknown) => Promise<void>;
}) {
  const { t } = useTranslation();
  const d = props.detail;
  const initial = (): Record<Editable, string> => ({
    'person.givenName': d.person.givenName,
    'person.familyName': d.person.familyName,
    'case.riskLevel': d.riskLevel,
  });
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(initial);
  const [queued, setQueued] = useState(false);
  const set = (field: Editable) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, { value: unknown; baseVersion?: number }> = {};
    for (const field of EDITABLE) {
      if (values[field] === fieldValue(d, field)) continue;
      const base = d.fieldVersions?.[field];
      fields[field] = {
        value: values[field],
        ...(base === undefined ? {} : { baseVersion: base }),
      };
    }
    if (Object.keys(fields).length > 0) {
      await props.onQueue('case.fields', { version: Math.max(d.version, 1), fields });
      setQueued(true);
    }
    setOpen(false);
  };
  if (!open) {
    return (
      <div className="row-actions">
        <Notice>{queued ? t('ui.sync.offline.editQueued') : null}</Notice>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setValues(initial());
            setQueued(false);
            setOpen(true);
          }}
        >
          {t('ui.sync.offline.edit')}
        </button>
      </div>
    );
  }
  return (
    <form className="form panel" onSubmit={(e) => void submit(e)} noValidate>
      <Field
        id="offline-given"
        label={t('ui.cases.intake.givenName')}
        value={values['person.givenName']}
        onChange={set('person.givenName')}
      />
      <Field
        id="offline-family"
        label={t('ui.cases.intake.familyName')}
        value={values['person.familyName']}
        onChange={set('person.familyName')}
      />
      <SelectField
        id="offline-risk"
        label={t('ui.cases.riskLabel')}
        value={values['case.riskLevel']}
        onChange={set('case.riskLevel')}
        options={RISK_LEVELS.map((r) => ({ value: r, label: t(`ui.cases.riskNames.${r}`) }))}
      />
      <div className="row-actions">
        <button type="submit" className="button primary">
          {t('ui.common.save')}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}
