import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../ui/Field.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { type AuditFilters, NO_FILTERS } from './auditFilters.ts';

/** Filters for the audit log: who, what, which record, outcome, and a date range. */
export function AuditFilterForm({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<AuditFilters>(NO_FILTERS);
  const set = (key: keyof AuditFilters) => (value: string) =>
    setF((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(f);
  };
  const clear = () => {
    setF(NO_FILTERS);
    onSearch(NO_FILTERS);
  };
  const outcomes = ['', 'ok', 'denied', 'failed'].map((v) => ({
    value: v,
    label: v ? t(`ui.audit.outcomes.${v}`) : t('ui.audit.anyOutcome'),
  }));
  return (
    <search>
      <form className="filter-form" onSubmit={submit} aria-label={t('ui.audit.filters')}>
        <div className="filter-grid">
          <Field
            id="audit-actor"
            label={t('ui.audit.actor')}
            value={f.actor}
            onChange={set('actor')}
            autoCapitalize="none"
            spellCheck={false}
          />
          <Field
            id="audit-action"
            label={t('ui.audit.action')}
            value={f.action}
            onChange={set('action')}
            hint={t('ui.audit.actionHint')}
            autoCapitalize="none"
            spellCheck={false}
          />
          <Field
            id="audit-entity"
            label={t('ui.audit.entityId')}
            value={f.entityId}
            onChange={set('entityId')}
            spellCheck={false}
          />
          <SelectField
            id="audit-outcome"
            label={t('ui.audit.outcome')}
            value={f.outcome}
            onChange={set('outcome')}
            options={outcomes}
          />
          <Field
            id="audit-from"
            type="date"
            label={t('ui.audit.from')}
            value={f.from}
            onChange={set('from')}
          />
          <Field
            id="audit-to"
            type="date"
            label={t('ui.audit.to')}
            value={f.to}
            onChange={set('to')}
          />
        </div>
        <div className="row-actions">
          <button type="submit" className="button primary">
            {t('ui.common.search')}
          </button>
          <button type="button" className="button secondary" onClick={clear}>
            {t('ui.audit.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}
