import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../../../api/directory.ts';
import type { Role } from '../../../api/types.ts';
import { CheckboxList } from '../../../ui/CheckboxList.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { TextAreaField } from '../../../ui/TextAreaField.tsx';
import { permissionLabel } from '../permissionLabel.ts';

export interface RoleDraft {
  id: string;
  name: string;
  description: string;
  permissions: string[];
  requireMfa: boolean;
}

/** Create or edit a role: identifier (fixed once made), name, description, permissions, MFA. */
export function RoleForm(props: {
  existing: Role | null;
  readOnly: boolean;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (draft: RoleDraft) => void;
}) {
  const { t } = useTranslation();
  const meta = useMeta();
  const r = props.existing;
  const [draft, setDraft] = useState<RoleDraft>({
    id: r?.id ?? '',
    name: r?.name ?? '',
    description: r?.description ?? '',
    permissions: r?.permissions ?? [],
    requireMfa: r?.requireMfa ?? false,
  });
  const [missing, setMissing] = useState(false);
  const set =
    <K extends keyof RoleDraft>(key: K) =>
    (value: RoleDraft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!draft.id.trim() || !draft.name.trim());
    if (!draft.id.trim() || !draft.name.trim()) return;
    props.onSubmit({ ...draft, id: draft.id.trim(), name: draft.name.trim() });
  };
  const options = (meta?.permissions ?? draft.permissions).map((p) => ({
    value: p,
    label: permissionLabel(t, p),
    hint: p,
  }));

  return (
    <form className="form" onSubmit={submit} noValidate>
      <fieldset disabled={props.readOnly} className="plain">
        {r ? null : (
          <Field
            id="role-id"
            label={t('ui.roles.id')}
            value={draft.id}
            onChange={set('id')}
            hint={t('ui.roles.idHint')}
            spellCheck={false}
            required
          />
        )}
        <Field
          id="role-name"
          label={t('ui.roles.name')}
          value={draft.name}
          onChange={set('name')}
          required
        />
        <TextAreaField
          id="role-description"
          label={t('ui.roles.description')}
          value={draft.description}
          onChange={set('description')}
        />
        <CheckboxList
          name="permissions"
          legend={t('ui.roles.permissions')}
          options={options}
          selected={draft.permissions}
          onChange={set('permissions')}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={draft.requireMfa}
            onChange={(e) => set('requireMfa')(e.target.checked)}
          />
          <span>{t('ui.roles.requireMfa')}</span>
        </label>
        <ErrorAlert error={missing ? t('ui.common.fillRequired') : props.error} />
        {props.readOnly ? null : (
          <button type="submit" className="button primary" disabled={props.busy}>
            {props.busy ? t('ui.common.saving') : props.submitLabel}
          </button>
        )}
      </fieldset>
    </form>
  );
}
