import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/SessionContext.tsx';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { type CaseFilters, type CaseScope, noCaseFilters } from './caseFilters.ts';
import { areaChoices, useAreaOptions } from './intake/useAreaOptions.ts';
import { CASE_STEPS, RISK_LEVELS } from './labels.ts';

/**
 * Filters for the caseload: whose cases (applied at once), name or reference,
 * step, risk level, area, overdue only. `value` is what the list shows now.
 */
export function CaseFilterForm(props: {
  value: CaseFilters;
  scopes: readonly CaseScope[];
  onSearch: (filters: CaseFilters) => void;
}) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const areas = useAreaOptions(user?.areaCodes ?? [], i18n.language);
  const [f, setF] = useState<CaseFilters>(props.value);
  const applied = JSON.stringify(props.value);
  // Back and forward in the browser change the filters under the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `applied` stands for props.value
  useEffect(() => setF(props.value), [applied]);
  const set =
    <K extends keyof CaseFilters>(key: K) =>
    (value: CaseFilters[K]) =>
      setF((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSearch(f);
  };
  const clear = () => props.onSearch(noCaseFilters(f.scope));
  const steps = [
    { value: '', label: t('ui.cases.filters.anyStep') },
    ...CASE_STEPS.map((s) => ({ value: s, label: t(`workflow.steps.${s}`) })),
  ];
  const risks = [
    { value: '', label: t('ui.cases.filters.anyRisk') },
    ...RISK_LEVELS.map((r) => ({ value: r, label: t(`ui.cases.riskNames.${r}`) })),
  ];
  const areaOptions = [{ value: '', label: t('ui.cases.filters.anyArea') }, ...areaChoices(areas)];
  // Until the areas arrive, keep the chosen one selectable under its code.
  if (f.area && !areas.some((a) => a.code === f.area))
    areaOptions.push({ value: f.area, label: f.area });
  return (
    <search>
      <form className="filter-form" onSubmit={submit} aria-label={t('ui.cases.filters.label')}>
        {props.scopes.length > 1 ? (
          <fieldset className="radio-row scope-switch">
            <legend>{t('ui.cases.filters.scope')}</legend>
            {props.scopes.map((s) => (
              <label key={s} className="check">
                <input
                  type="radio"
                  name="case-scope"
                  value={s}
                  checked={f.scope === s}
                  onChange={() => {
                    setF((old) => ({ ...old, scope: s }));
                    props.onSearch({ ...f, scope: s });
                  }}
                />
                <span>{t(`ui.cases.filters.scopes.${s}`)}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
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
          <SelectField
            id="case-area"
            label={t('ui.cases.filters.area')}
            value={f.area}
            onChange={set('area')}
            options={areaOptions}
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
