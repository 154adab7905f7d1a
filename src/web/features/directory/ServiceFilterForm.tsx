import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../../api/directory.ts';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { areaOptions } from './areaTree.ts';
import { languageName } from './directoryFormat.ts';
import { SERVICE_STATUSES, SEXES, type ServiceType } from './directoryTypes.ts';
import { ageIsValid, NO_SERVICE_FILTERS, type ServiceFilters } from './serviceFilters.ts';
import { useAllAreas } from './useDirectoryData.ts';

/** The directory search: text, type, area, the person's age, sex and language, status. */
export function ServiceFilterForm(props: {
  value: ServiceFilters;
  types: readonly ServiceType[] | null;
  onSearch: (filters: ServiceFilters) => void;
}) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const areas = useAllAreas(i18n.language);
  const [f, setF] = useState<ServiceFilters>(props.value);
  const [ageError, setAgeError] = useState(false);
  const applied = JSON.stringify(props.value);
  // Back and forward in the browser change the filters under the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `applied` stands for props.value
  useEffect(() => setF(props.value), [applied]);
  const set = (key: keyof ServiceFilters) => (value: string) =>
    setF((old) => ({ ...old, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAgeError(!ageIsValid(f.age));
    if (ageIsValid(f.age)) props.onSearch(f);
  };
  const lang = i18n.language;
  const typeOptions = [
    { value: '', label: t('ui.directory.filters.anyType') },
    ...(props.types ?? []).map((ty) => ({ value: ty.code, label: ty.names[lang] ?? ty.name })),
  ];
  const areaChoices = [
    { value: '', label: t('ui.directory.filters.anyArea') },
    ...areaOptions(areas ?? []),
  ];
  if (f.area && !areas?.some((a) => a.code === f.area))
    areaChoices.push({ value: f.area, label: f.area });
  const languages = [...new Set([...(meta?.packLanguages ?? []), ...(meta?.uiLanguages ?? [])])];

  return (
    <search>
      <form
        className="filter-form"
        onSubmit={submit}
        aria-label={t('ui.directory.filters.label')}
        noValidate
      >
        <div className="filter-grid">
          <Field
            id="dir-q"
            type="search"
            label={t('ui.directory.filters.q')}
            value={f.q}
            onChange={set('q')}
          />
          <SelectField
            id="dir-type"
            label={t('ui.directory.filters.type')}
            value={f.type}
            onChange={set('type')}
            options={typeOptions}
          />
          <SelectField
            id="dir-area"
            label={t('ui.directory.filters.area')}
            value={f.area}
            onChange={set('area')}
            options={areaChoices}
          />
          <Field
            id="dir-age"
            label={t('ui.directory.filters.age')}
            value={f.age}
            onChange={set('age')}
            inputMode="numeric"
            aria-invalid={ageError || undefined}
            hint={
              ageError ? t('ui.directory.filters.ageInvalid') : t('ui.directory.filters.ageHint')
            }
          />
          <SelectField
            id="dir-sex"
            label={t('ui.directory.filters.sex')}
            value={f.sex}
            onChange={set('sex')}
            options={[
              { value: '', label: t('ui.directory.filters.anySex') },
              ...SEXES.map((s) => ({ value: s, label: t(`ui.directory.sexes.${s}`) })),
            ]}
          />
          <Field
            id="dir-language"
            label={t('ui.directory.filters.language')}
            value={f.language}
            onChange={set('language')}
            list="dir-language-codes"
            spellCheck={false}
            autoComplete="off"
            hint={t('ui.directory.filters.languageHint')}
          />
          <datalist id="dir-language-codes">
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(code, lang)}
              </option>
            ))}
          </datalist>
          <SelectField
            id="dir-status"
            label={t('ui.directory.filters.status')}
            value={f.status}
            onChange={set('status')}
            options={[
              { value: '', label: t('ui.directory.filters.activeOnly') },
              ...SERVICE_STATUSES.filter((s) => s !== 'active').map((s) => ({
                value: s,
                label: t(`ui.directory.statuses.${s.replace(' ', '_')}`),
              })),
              { value: 'any', label: t('ui.directory.filters.anyStatus') },
            ]}
          />
        </div>
        <div className="row-actions">
          <button type="submit" className="button primary">
            {t('ui.common.search')}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => props.onSearch(NO_SERVICE_FILTERS)}
          >
            {t('ui.directory.filters.clear')}
          </button>
        </div>
      </form>
    </search>
  );
}
