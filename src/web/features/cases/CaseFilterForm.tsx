import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type CaseFilters, NO_CASE_FILTERS } from './caseFilters.ts';
import { CASE_STEPS, RISK_LEVELS } from './labels.ts';

/** Filters for the caseload: name or reference, step, risk level, overdue only. */
export function CaseFilterForm({ onSearch }: { onSearch: (filters: CaseFilters) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<CaseFilters>(NO_CASE_FILTERS);
  const set =
    <K extends keyof CaseFilters>(key: K) =>
    (value: CaseFilters[K]) =>
      setF((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(f);
  };
  const clear = () => {
    setF(NO_CASE_FILTERS);
    onSearch(NO_CASE_FILTERS);
  };
  const steps = [
    { value: '', label: t('ui.cases.filters.anyStep') },
    ...CASE_STEPS.map((s) => ({ value: s, label: t(`workflow.steps.${s}`) })),
  ];
  const risks = [
    { value: '', label: t('ui.cases.filters.anyRisk') },
    ...RISK_LEVELS.map((r) => ({ value: r, label: t(`ui.cases.riskNames.${r}`) })),
  ];
  return (
    <search>
      <form className="filter-form" onSubmit={submit} aria-label={t('ui.cases.filters.label')}>
        <div className="filter-grid">
          <Field
            id="case-q"
            type="search"
            label={t('ui.cases.filters.q')}
            value={f.q}
            onChange={set('q')}
          />
          <SelectField
            id="case-step"
            label={t('ui.cases.filters.step')}
            value={f.step}
            onChange={set('step')}
            options={steps}
          />
          <SelectField
            id="case-risk"
            label={t('ui.cases.filters.risk')}
            value={f.risk}
            onChange={set('risk')}
            options={risks}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={f.overdue}
              onChange={(e) => set('overdue')(e.target.checked)}
            />
            <span>{t('ui.cases.filters.overdue')}</span>
          </label>
        </div>
        <div className="row-actions">
          <button type="submit" className="button primary">
            {t('ui.common.search')}
          </button>
          <button type="button" className="button secondary" onClick={clear}>
            {t('ui.cases.filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}
