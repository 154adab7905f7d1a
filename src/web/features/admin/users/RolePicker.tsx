import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types.ts';
import { CheckboxList } from '../../../ui/CheckboxList.tsx';
import { Field } from '../../../ui/Field.tsx';
import { splitCodes } from './userDraft.ts';

/** Roles as checkboxes; without the right to read roles, their ids as text. */
export function RolePicker(props: {
  roles: Role[] | null;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  if (!props.roles) {
    return (
      <Field
        id="user-roles"
        label={t('ui.users.form.roleIds')}
        value={props.selected.join(', ')}
        onChange={(text) => props.onChange(splitCodes(text))}
      />
    );
  }
  return (
    <CheckboxList
      name="roles"
      legend={t('ui.users.form.roles')}
      selected={props.selected}
      onChange={props.onChange}
      options={props.roles.map((r) => ({ value: r.id, label: r.name, hint: r.description }))}
    />
  );
}
