import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useMeta } from '../../../api/directory.ts';
import type { Area } from '../../../api/types.ts';
import { useAction } from '../../../lib/useAction.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { Notice } from '../../../ui/Notice.tsx';

/** Renames an area in each language; a blank name falls back to the default name. */
export function AreaNamesForm({ area, onSaved }: { area: Area; onSaved: (area: Area) => void }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const [open, setOpen] = useState(false);
  const [names, setNames] = useState<Record<string, string>>(area.names);
  const [saved, setSaved] = useState(false);
  const [defaultName, setDefaultName] = useState(area.defaultName);
  const languages = [
    ...new Set([
      ...(meta?.uiLanguages ?? []),
      ...(meta?.packLanguages ?? []),
      ...Object.keys(area.names),
    ]),
  ];
  const { run, busy, error } = useAction(async () => {
    const cleaned = Object.fromEntries(
      Object.entries(names)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v),
    );
    const updated = await api<Area>('PATCH', `/areas/${encodeURIComponent(area.code)}`, {
      version: area.version,
      names: cleaned,
      ...(defaultName.trim() ? { defaultName: defaultName.trim() } : {}),
    });
    setDefaultName(updated.defaultName);
    setSaved(true);
    setOpen(false);
    onSaved(updated);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };

  if (!open) {
    return (
      <div className="row-actions">
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setSaved(false);
            setOpen(true);
          }}
        >
          {t('ui.areas.editNames')}
        </button>
        <Notice>{saved ? t('ui.common.saved') : null}</Notice>
      </div>
    );
  }
  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <h2>{t('ui.areas.editNames')}</h2>
      <p className="hint">{t('ui.areas.namesHint')}</p>
      {languages.map((lang) => (
        <Field
          key={lang}
          id={`area-name-${lang}`}
          lang={lang}
          label={t('ui.areas.nameIn', {
            language: t(`ui.languageNames.${lang}`, { defaultValue: lang }),
          })}
          value={names[lang] ?? ''}
          onChange={(v) => setNames((n) => ({ ...n, [lang]: v }))}
        />
      ))}
      <Field
        id="area-default-name"
        label={t('ui.areas.defaultName')}
        value={defaultName}
        onChange={setDefaultName}
        hint={t('ui.areas.defaultNameHint')}
      />
      <ErrorAlert error={error} />
      <div className="row-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('ui.common.saving') : t('ui.common.save')}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => {
            setNames(area.names);
            setOpen(false);
          }}
        >
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}
