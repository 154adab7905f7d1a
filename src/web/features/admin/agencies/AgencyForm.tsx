import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMeta } from '../../../api/directory.ts';
import type { Agency } from '../../../api/types.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { SelectField } from '../../../ui/SelectField.tsx';
import { splitCodes } from '../users/userDraft.ts';

export interface AgencyDraft {
  code: string;
  name: string;
  type: string;
  areaCodes: string[];
  disabled: boolean;
}

/** Create or edit an agency: code (fixed once made), name, type and the areas it covers. */
export function AgencyForm(props: {
  agency: Agency | null;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (draft: AgencyDraft) => void;
}) {
  const { t } = useTranslation();
  const meta = useMeta();
  const a = props.agency;
  const [code, setCode] = useState(a?.code ?? '');
  const [name, setName] = useState(a?.name ?? '');
  const [type, setType] = useState(a?.type ?? 'labour_inspection');
  const [areas, setAreas] = useState(a?.areaCodes.join(', ') ?? '');
  const [disabled, setDisabled] = useState(a?.disabled ?? false);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!code.trim() || !name.trim());
    if (!code.trim() || !name.trim()) return;
    props.onSubmit({
      code: code.trim(),
      name: name.trim(),
      type,
      areaCodes: splitCodes(areas),
      disabled,
    });
  };
  const types = meta?.agencyTypes ?? [type];

  return (
    <form className="form" onSubmit={submit} noValidate>
      {a ? null : (
        <Field
          id="agency-code"
          label={t('ui.agencies.code')}
          value={code}
          onChange={setCode}
          hint={t('ui.agencies.codeHint')}
          spellCheck={false}
          required
        />
      )}
      <Field
        id="agency-name"
        label={t('ui.agencies.name')}
        value={name}
        onChange={setName}
        required
      />
      <SelectField
        id="agency-type"
        label={t('ui.agencies.type')}
        value={type}
        onChange={setType}
        options={types.map((v) => ({
          value: v,
          label: t(`ui.agencyTypes.${v}`, { defaultValue: v }),
        }))}
      />
      <Field
        id="agency-areas"
        label={t('ui.agencies.areas')}
        value={areas}
        onChange={setAreas}
        hint={t('ui.users.form.areasHint')}
        spellCheck={false}
      />
      {a ? (
        <label className="check">
          <input
            type="checkbox"
            checked={disabled}
            onChange={(e) => setDisabled(e.target.checked)}
          />
          <span>{t('ui.agencies.disabledLabel')}</span>
        </label>
      ) : null}
      <ErrorAlert error={missing ? t('ui.common.fillRequired') : props.error} />
      <button type="submit" className="button primary" disabled={props.busy}>
        {props.busy ? t('ui.common.saving') : props.submitLabel}
      </button>
    </form>
  );
}
