import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../api/directory.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextAreaField } from '../../ui/TextAreaField.tsx';
import type { Organization } from './directoryTypes.ts';

export interface OrganizationDraft {
  name: string;
  description: string;
  email: string | null;
  website: string | null;
  agencyId: string | null;
}

/** Create or edit an organisation, and the Pathfinder agency whose queue receives its referrals. */
export function OrganizationForm(props: {
  organization: Organization | null;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (draft: OrganizationDraft) => void;
}) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const o = props.organization;
  const [name, setName] = useState(o?.name ?? '');
  const [description, setDescription] = useState(o?.description ?? '');
  const [email, setEmail] = useState(o?.email ?? '');
  const [website, setWebsite] = useState(o?.website ?? '');
  const [agencyId, setAgencyId] = useState(o?.agency?.id ?? '');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!name.trim());
    if (!name.trim()) return;
    props.onSubmit({
      name: name.trim(),
      description: description.trim(),
      email: email.trim() || null,
      website: website.trim() || null,
      agencyId: agencyId || null,
    });
  };
  const agencyOptions = [
    { value: '', label: t('ui.directory.organizations.noAgency') },
    ...(agencies ?? []).map((a) => ({ value: a.id, label: a.name })),
  ];
  if (agencyId && !agencies?.some((a) => a.id === agencyId))
    agencyOptions.push({ value: agencyId, label: o?.agency?.name ?? agencyId });
  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field
        id="org-name"
        label={t('ui.directory.organizations.name')}
        value={name}
        onChange={setName}
        required
      />
      <TextAreaField
        id="org-description"
        label={t('ui.directory.organizations.description')}
        value={description}
        onChange={setDescription}
      />
      <SelectField
        id="org-agency"
        label={t('ui.directory.organizations.agency')}
        value={agencyId}
        onChange={setAgencyId}
        options={agencyOptions}
      />
      <p className="hint">{t('ui.directory.organizations.agencyHint')}</p>
      <Field
        id="org-email"
        type="email"
        label={t('ui.directory.organizations.email')}
        value={email}
        onChange={setEmail}
        autoComplete="off"
      />
      <Field
        id="org-website"
        type="url"
        label={t('ui.directory.organizations.website')}
        value={website}
        onChange={setWebsite}
        hint={t('ui.directory.form.urlHint')}
      />
      <ErrorAlert error={missing ? t('ui.common.fillRequired') : props.error} />
      <button type="submit" className="button primary" disabled={props.busy}>
        {props.busy ? t('ui.common.saving') : props.submitLabel}
      </button>
    </form>
  );
}
