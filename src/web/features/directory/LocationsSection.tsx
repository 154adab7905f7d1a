import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { ConflictNotice } from '../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { areaOptions } from './areaTree.ts';
import type { Location } from './directoryTypes.ts';
import { useAllAreas, useLocations } from './useDirectoryData.ts';

const TYPES = ['physical', 'postal', 'virtual'] as const;

/** An organisation's locations; directory managers add one or change one. */
export function LocationsSection(props: { organizationId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const [version, setVersion] = useState(0);
  const locations = useLocations(props.organizationId, version);
  const areas = useAllAreas(i18n.language);
  const [editing, setEditing] = useState<Location | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const areaName = (code: string | null) =>
    code ? (areas?.find((a) => a.code === code)?.name ?? code) : null;
  return (
    <section aria-labelledby="locations-title">
      <h2 id="locations-title">{t('ui.directory.locations.title')}</h2>
      <Notice>{done}</Notice>
      {locations && locations.length === 0 ? (
        <p className="empty">{t('ui.directory.facts.noLocations')}</p>
      ) : null}
      <ul className="item-list compact" aria-label={t('ui.directory.locations.title')}>
        {(locations ?? []).map((l) => (
          <li key={l.id} className="item">
            <div className="item-main">
              <span className="item-title">{l.name}</span>
              <span className="item-sub">
                {t(`ui.directory.locations.types.${l.locationType}`)}
              </span>
            </div>
            <p className="item-meta">
              {[l.address1, l.city, areaName(l.areaCode)].filter(Boolean).join(', ')}
            </p>
            {props.canEdit ? (
              <button
                type="button"
                className="button link"
                onClick={() => setEditing(l)}
                aria-label={t('ui.directory.locations.editNamed', { name: l.name })}
              >
                {t('ui.directory.locations.edit')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {props.canEdit && editing === null ? (
        <button type="button" className="button secondary" onClick={() => setEditing('new')}>
          {t('ui.directory.locations.add')}
        </button>
      ) : null}
      {props.canEdit && editing !== null ? (
        <LocationForm
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          organizationId={props.organizationId}
          location={editing === 'new' ? null : editing}
          areas={areaOptions(areas ?? [])}
          onDone={(message) => {
            setEditing(null);
            setVersion((v) => v + 1);
            setDone(message);
          }}
          onCancel={() => setEditing(null)}
        />
      ) : null}
    </section>
  );
}

function LocationForm(props: {
  organizationId: string;
  location: Location | null;
  areas: { value: string; label: string }[];
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const l = props.location;
  const [name, setName] = useState(l?.name ?? '');
  const [type, setType] = useState(l?.locationType ?? 'physical');
  const [area, setArea] = useState(l?.areaCode ?? '');
  const [address, setAddress] = useState(l?.address1 ?? '');
  const [city, setCity] = useState(l?.city ?? '');
  const [missing, setMissing] = useState(false);
  const save = useAction(async () => {
    const body = {
      name: name.trim(),
      locationType: type,
      areaCode: area || null,
      address1: address.trim() || null,
      city: city.trim() || null,
    };
    if (l)
      await api('PATCH', `/locations/${encodeURIComponent(l.id)}`, { version: l.version, ...body });
    else await api('POST', '/locations', { organizationId: props.organizationId, ...body });
    props.onDone(t('ui.common.saved'));
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!name.trim());
    if (name.trim()) void save.run();
  };
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="location-form-title">
      <h3 id="location-form-title">
        {l
          ? t('ui.directory.locations.editNamed', { name: l.name })
          : t('ui.directory.locations.add')}
      </h3>
      <Field
        id="location-name"
        label={t('ui.directory.locations.name')}
        value={name}
        onChange={setName}
        required
      />
      <SelectField
        id="location-type"
        label={t('ui.directory.locations.type')}
        value={type}
        onChange={setType}
        options={TYPES.map((v) => ({ value: v, label: t(`ui.directory.locations.types.${v}`) }))}
      />
      <SelectField
        id="location-area"
        label={t('ui.directory.locations.area')}
        value={area}
        onChange={setArea}
        options={[{ value: '', label: t('ui.directory.locations.noArea') }, ...props.areas]}
      />
      <Field
        id="location-address"
        label={t('ui.directory.locations.address')}
        value={address}
        onChange={setAddress}
      />
      <Field
        id="location-city"
        label={t('ui.directory.locations.city')}
        value={city}
        onChange={setCity}
      />
      <ErrorAlert error={missing ? t('ui.common.fillRequired') : save.error} />
      <ConflictNotice error={save.error} onReload={props.onCancel} />
      <div className="row-actions">
        <button type="submit" className="button primary" disabled={save.busy}>
          {save.busy ? t('ui.common.saving') : t('ui.common.save')}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}
