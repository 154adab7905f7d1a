import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '../../../../core/index.ts';
import { useAgencies, useMeta, useRoles } from '../../../api/directory.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { RolePicker } from './RolePicker.tsx';
import type { UserDraft } from './userDraft.ts';

interface UserFormProps {
  mode: 'create' | 'edit';
  initial: UserDraft;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (draft: UserDraft) => void;
}

/** The staff account form: sign-in details when creating, then profile, agency, roles, areas. */
export function UserForm({ mode, initial, submitLabel, busy, error, onSubmit }: UserFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [missing, setMissing] = useState(false);
  const meta = useMeta();
  const agencies = useAgencies();
  const roles = useRoles(true);
  const set =
    <K extends keyof UserDraft>(key: K) =>
    (value: UserDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const languages = [
    ...new Set([...(meta?.uiLanguages ?? ['en']), ...(meta?.packLanguages ?? [])]),
  ];
  const agencyOptions = [
    { value: '', label: t('ui.users.form.chooseAgency') },
    ...(agencies ?? []).map((a) => ({ value: a.id, label: a.name })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const required = [draft.displayName, draft.agencyId];
    if (mode === 'create') required.push(draft.username, draft.password);
    setMissing(required.some((v) => !v.trim()));
    if (!required.some((v) => !v.trim())) onSubmit(draft);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {mode === 'create' ? (
        <>
          <Field
            id="user-username"
            label={t('ui.users.form.username')}
            value={draft.username}
            onChange={set('username')}
            hint={t('ui.users.form.usernameHint')}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            required
          />
          <Field
            id="user-password"
            type="password"
            label={t('ui.users.form.password')}
            value={draft.password}
            onChange={set('password')}
            hint={t('ui.password.rules', { min: PASSWORD_MIN })}
            autoComplete="new-password"
            required
          />
          <label className="check">
            <input
              type="checkbox"
              checked={draft.mustChangePassword}
              onChange={(e) => set('mustChangePassword')(e.target.checked)}
            />
            <span>{t('ui.users.form.mustChangePassword')}</span>
          </label>
        </>
      ) : null}
      <Field
        id="user-display-name"
        label={t('ui.users.form.displayName')}
        value={draft.displayName}
        onChange={set('displayName')}
        required
      />
      <Field
        id="user-email"
        type="email"
        label={t('ui.users.form.email')}
        value={draft.email}
        onChange={set('email')}
        hint={t('ui.common.optional')}
      />
      <SelectField
        id="user-agency"
        label={t('ui.users.form.agency')}
        value={draft.agencyId}
        onChange={set('agencyId')}
        options={agencyOptions}
        required
      />
      <RolePicker roles={roles} selected={draft.roleIds} onChange={set('roleIds')} />
      <Field
        id="user-areas"
        label={t('ui.users.form.areas')}
        value={draft.areaCodes}
        onChange={set('areaCodes')}
        hint={t('ui.users.form.areasHint')}
        autoCapitalize="characters"
        spellCheck={false}
      />
      <SelectField
        id="user-language"
        label={t('ui.users.form.language')}
        value={draft.language}
        onChange={set('language')}
        options={languages.map((l) => ({
          value: l,
          label: t(`ui.languageNames.${l}`, { defaultValue: l }),
        }))}
      />
      <ErrorAlert error={missing ? t('ui.common.fillRequired') : error} />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('ui.common.saving') : submitLabel}
      </button>
    </form>
  );
}
