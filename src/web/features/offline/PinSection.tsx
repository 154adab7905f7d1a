import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IDLE_LOCK_MS, useOffline } from '../../offline/OfflineContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Notice } from '../../ui/Notice.tsx';

/** Account page: a short PIN that re-opens the device data after an idle lock. */
export function PinSection() {
  const { t } = useTranslation();
  const offline = useOffline();
  const [pin, setPinValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (offline.phase !== 'open') return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4,8}$/.test(pin)) return setError(t('ui.sync.idle.pinFormat'));
    setError(null);
    await offline.setPin(pin);
    setPinValue('');
    setSaved(t('ui.sync.idle.pinSet'));
  };
  return (
    <section className="panel" aria-labelledby="pin-title">
      <h2 id="pin-title">{t('ui.sync.idle.sectionTitle')}</h2>
      <p>{t('ui.sync.idle.sectionText', { minutes: IDLE_LOCK_MS / 60_000 })}</p>
      <Notice>{saved}</Notice>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorAlert error={error} />
        <Field
          id="pin-new"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          label={t('ui.sync.idle.newPin')}
          value={pin}
          onChange={setPinValue}
        />
        <div className="row-actions">
          <button type="submit" className="button primary">
            {t('ui.sync.idle.setPin')}
          </button>
          {offline.hasPin ? (
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                void offline.setPin(null);
                setSaved(t('ui.sync.idle.pinRemoved'));
              }}
            >
              {t('ui.sync.idle.removePin')}
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}
