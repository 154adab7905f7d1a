import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { formatDateTime } from '../../i18n.ts';
import { useAction } from '../../lib/useAction.ts';
import { useApiGet } from '../../lib/useApiGet.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import type { Device } from './syncTypes.ts';

/**
 * The browsers registered for offline work: mine, or (for administrators) a
 * user's. Revoking one makes its next sync call wipe its local data.
 */
export function DevicesSection({ userId }: { userId?: string }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const path = userId ? `/users/${encodeURIComponent(userId)}/devices` : '/devices';
  const { data, error, loading, reload } = useApiGet<{ items: Device[] }>(path);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const revoke = useAction(async (device: Device) => {
    await api('POST', `/devices/${encodeURIComponent(device.id)}/revoke`);
    setRevoking(null);
    setRevoked(device.label);
    reload();
  });
  const date = (iso: string) => formatDateTime(iso, i18n.language);

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ui.sync.devices.title')}</h2>
      <p>{userId ? t('ui.sync.devices.introUser') : t('ui.sync.devices.intro')}</p>
      <Notice>{revoked ? t('ui.sync.devices.done', { label: revoked }) : null}</Notice>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? (
        <p className="empty">{t('ui.sync.devices.none')}</p>
      ) : null}
      {data && data.items.length > 0 ? (
        <ul className="item-list" aria-label={t('ui.sync.devices.listLabel')}>
          {data.items.map((d) => (
            <li key={d.id} className="item" data-testid="device">
              <div className="item-main">
                <span className="item-title">{d.label}</span>
                {d.revokedAt ? (
                  <span className="tag tag-bad">{t('ui.sync.devices.revoked')}</span>
                ) : (
                  <span className="tag tag-ok">{t('ui.sync.devices.active')}</span>
                )}
              </div>
              <p className="item-meta">
                {t('ui.sync.devices.dates', {
                  registered: date(d.registeredAt),
                  seen: date(d.lastSeenAt),
                })}
              </p>
              {d.revokedAt ? (
                <p className="item-meta">
                  {t('ui.sync.devices.revokedAt', { at: date(d.revokedAt) })}
                </p>
              ) : null}
              {d.userAgent ? <p className="item-meta">{d.userAgent}</p> : null}
              {d.revokedAt ? null : (
                <button
                  type="button"
                  className="button danger small"
                  onClick={() => {
                    setRevoked(null);
                    setRevoking(d);
                  }}
                  aria-label={t('ui.sync.devices.revokeNamed', { label: d.label })}
                >
                  {t('ui.sync.devices.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        title={t('ui.sync.devices.confirm.title', { label: revoking?.label ?? '' })}
        message={<p>{t('ui.sync.devices.confirm.text')}</p>}
        confirmLabel={t('ui.sync.devices.confirm.button')}
        busy={revoke.busy}
        error={revoke.error}
        onConfirm={() => revoking && void revoke.run(revoking)}
        onCancel={() => {
          setRevoking(null);
          revoke.setError(null);
        }}
      />
    </section>
  );
}
