import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxList } from '../../ui/CheckboxList.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextAreaField } from '../../ui/TextAreaField.tsx';
import { AreaTreePicker } from './AreaTreePicker.tsx';
import { SERVICE_STATUSES, SEXES, type Service } from './directoryTypes.ts';
import { draftProblems, type ServiceDraft, serviceDraft } from './serviceDraft.ts';
import {
  useAllAreas,
  useLocations,
  useOrganizations,
  useServiceTypes,
} from './useDirectoryData.ts';

/** Create or edit a service: every field, the areas from the area tree, the places it is given. */
export function ServiceForm(props: {
  service: Service | null;
  organizationId?: string;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (draft: ServiceDraft) => void;
}) {
  const { t, i18n } = useTranslation();
  const [d, setD] = useState<ServiceDraft>(() => ({
    ...serviceDraft(props.service),
    ...(props.organizationId && !props.service ? { organizationId: props.organizationId } : {}),
  }));
  const [problems, setProblems] = useState<string[]>([]);
  const organizations = useOrganizations();
  const types = useServiceTypes();
  const areas = useAllAreas(i18n.language);
  const locations = useLocations(d.organizationId || null);
  const set =
    <K extends keyof ServiceDraft>(key: K) =>
    (value: ServiceDraft[K]) =>
      setD((old) => ({ ...old, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = draftProblems(d);
    setProblems(found);
    if (found.length === 0) props.onSubmit(d);
  };
  const lang = i18n.language;
  const orgOptions = [
    { value: '', label: t('ui.directory.form.chooseOrganization') },
    ...(organizations ?? []).map((o) => ({ value: o.id, label: o.name })),
  ];
  if (d.organizationId && !organizations?.some((o) => o.id === d.organizationId))
    orgOptions.push({
      value: d.organizationId,
      label: props.service?.organization.name ?? d.organizationId,
    });
  const typeOptions = [
    { value: '', label: t('ui.directory.form.chooseType') },
    ...(types ?? []).map((ty) => ({ value: ty.code, label: ty.names[lang] ?? ty.name })),
  ];
  if (d.type && !types?.some((ty) => ty.code === d.type))
    typeOptions.push({ value: d.type, label: d.type });
  const message = problems.length
    ? problems.map((p) => t(`ui.directory.form.problems.${p}`)).join(' ')
    : props.error;

  return (
    <form className="form" onSubmit={submit} noValidate>
      <SelectField
        id="service-organization"
        label={t('ui.directory.form.organization')}
        value={d.organizationId}
        onChange={(v) => setD((old) => ({ ...old, organizationId: v, locationIds: [] }))}
        options={orgOptions}
        required
      />
      <Field
        id="service-name"
        label={t('ui.directory.form.name')}
        value={d.name}
        onChange={set('name')}
        required
      />
      <SelectField
        id="service-type"
        label={t('ui.directory.form.type')}
        value={d.type}
        onChange={set('type')}
        options={typeOptions}
        required
      />
      <SelectField
        id="service-status"
        label={t('ui.directory.form.status')}
        value={d.status}
        onChange={set('status')}
        options={SERVICE_STATUSES.map((s) => ({
          value: s,
          label: t(`ui.directory.statuses.${s.replace(' ', '_')}`),
        }))}
      />
      <TextAreaField
        id="service-description"
        label={t('ui.directory.form.description')}
        value={d.description}
        onChange={set('description')}
      />
      <fieldset className="plain">
        <legend>{t('ui.directory.form.eligibility')}</legend>
        <div className="filter-grid">
          <Field
            id="service-min-age"
            label={t('ui.directory.form.minimumAge')}
            value={d.minimumAge}
            onChange={set('minimumAge')}
            inputMode="numeric"
            hint={t('ui.directory.form.ageHint')}
          />
          <Field
            id="service-max-age"
            label={t('ui.directory.form.maximumAge')}
            value={d.maximumAge}
            onChange={set('maximumAge')}
            inputMode="numeric"
            hint={t('ui.directory.form.ageHint')}
          />
        </div>
        <CheckboxList
          name="service-sexes"
          legend={t('ui.directory.form.sexes')}
          options={SEXES.map((s) => ({ value: s, label: t(`ui.directory.sexes.${s}`) }))}
          selected={d.sexes}
          onChange={set('sexes')}
        />
        <p className="hint">{t('ui.directory.form.sexesHint')}</p>
        <Field
          id="service-languages"
          label={t('ui.directory.form.languages')}
          value={d.languages}
          onChange={set('languages')}
          hint={t('ui.directory.form.languagesHint')}
          spellCheck={false}
        />
        <TextAreaField
          id="service-eligibility"
          label={t('ui.directory.form.eligibilityDescription')}
          value={d.eligibilityDescription}
          onChange={set('eligibilityDescription')}
        />
      </fieldset>
      <AreaTreePicker
        legend={t('ui.directory.form.areas')}
        areas={areas}
        selected={d.areaCodes}
        onChange={set('areaCodes')}
      />
      {d.organizationId ? (
        locations && locations.length > 0 ? (
          <CheckboxList
            name="service-locations"
            legend={t('ui.directory.form.locations')}
            options={locations.map((l) => ({
              value: l.id,
              label: l.name,
              ...(l.city ? { hint: l.city } : {}),
            }))}
            selected={d.locationIds}
            onChange={set('locationIds')}
          />
        ) : (
          <p className="hint">{t('ui.directory.form.noLocations')}</p>
        )
      ) : null}
      <Field
        id="service-email"
        type="email"
        label={t('ui.directory.form.email')}
        value={d.email}
        onChange={set('email')}
        autoComplete="off"
      />
      <Field
        id="service-url"
        type="url"
        label={t('ui.directory.form.url')}
        value={d.url}
        onChange={set('url')}
        hint={t('ui.directory.form.urlHint')}
      />
      <ErrorAlert error={message || null} />
      <button type="submit" className="button primary" disabled={props.busy}>
        {props.busy ? t('ui.common.saving') : props.submitLabel}
      </button>
    </form>
  );
}
