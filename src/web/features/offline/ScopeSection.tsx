import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOffline } from '../../offline/OfflineContext.tsx';
import type { OfflineReference } from '../../offline/reference.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { SelectField } from '../../ui/SelectField.tsx';

/**
 * What this device keeps: the agency's cases or only mine, optionally below one area. A narrower
 * scope is lighter on a cheap phone and holds less that could leak if it is lost; changing it drops
 * what the device holds and downloads the new scope (changes not sent yet stay queued).
 */
export function ScopeSection(props: { reference: OfflineReference | null }) {
  const { t, i18n } = useTranslation();
  const offline = useOffline();
  const [mine, setMine] = useState(offline.scope.scope === 'mine');
  const [area, setArea] = useState(offline.scope.area ?? '');
  const [confirming, setConfirming] = useState(false);
  const changed = mine !== (offline.scope.scope === 'mine') || area !== (offline.scope.area ?? '');
  const areas = [...(props.reference?.areas ?? [])].sort(
    (a, b) => a.level - b.level || a.name.localeCompare(b.name),
  );
  const nameOf = (a: OfflineReference['areas'][number]) => a.names[i18n.language] ?? a.name;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed) setConfirming(true);
  };
  return (
    <section className="panel" aria-labelledby="sync-scope">
      <h2 id="sync-scope">{t('ui.sync.scope.title')}</h2>
      <p className="hint">{t('ui.sync.scope.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="checkbox-list">
          <legend>{t('ui.sync.scope.which')}</legend>
          <label className="check">
            <input type="radio" name="sync-scope" checked={!mine} onChange={() => setMine(false)} />
            <span>{t('ui.sync.scope.agency')}</span>
          </label>
          <label className="check">
            <input type="radio" name="sync-scope" checked={mine} onChange={() => setMine(true)} />
            <span>{t('ui.sync.scope.mine')}</span>
          </label>
        </fieldset>
        <SelectField
          id="sync-scope-area"
          label={t('ui.sync.scope.area')}
          value={area}
          onChange={setArea}
          options={[
            { value: '', label: t('ui.sync.scope.allAreas') },
            ...areas.map((a) => ({ value: a.code, label: nameOf(a) })),
          ]}
        />
        <button type="submit" className="button secondary" disabled={!changed}>
          {t('ui.sync.scope.apply')}
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('ui.sync.scope.confirmTitle')}
        message={<p>{t('ui.sync.scope.confirmText')}</p>}
        confirmLabel={t('ui.sync.scope.apply')}
        onConfirm={() => {
          setConfirming(false);
          void offline.setScope({ scope: mine ? 'mine' : 'agency', area: area || undefined });
        }}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
