import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ApiToken } from '../../api/types.ts';
import { formatDateTime } from '../../i18n.ts';
import { useAction } from '../../lib/useAction.ts';
import { useApiGet } from '../../lib/useApiGet.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { permissionLabel } from '../admin/permissionLabel.ts';
import { TokenCreateForm } from './TokenCreateForm.tsx';

/** Your API tokens: for scripts and other systems; each can be revoked at any time. */
export function TokensSection() {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useApiGet<{ items: ApiToken[] }>('/tokens');
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = useAction(async (token: ApiToken) => {
    await api('DELETE', `/tokens/${encodeURIComponent(token.id)}`);
    setRevoking(null);
    reload();
  });
  const date = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language) : '—');

  return (
    <section className="panel" aria-labelledby="account-tokens">
      <h2 id="account-tokens">{t('ui.tokens.title')}</h2>
      <p>{t('ui.tokens.intro')}</p>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <p className="empty">{t('ui.tokens.none')}</p> : null}
      <ul className="item-list" aria-label={t('ui.tokens.listLabel')}>
        {(data?.items ?? []).map((token) => (
          <li key={token.id} className="item">
            <div className="item-main">
              <span className="item-title">{token.name}</span>
              {token.revokedAt ? (
                <span className="tag tag-bad">{t('ui.tokens.revoked')}</span>
              ) : null}
            </div>
            <p className="item-meta">{token.scopes.map((s) => permissionLabel(t, s)).join(', ')}</p>
            <p className="item-meta">
              {t('ui.tokens.dates', {
                created: date(token.createdAt),
                expires: date(token.expiresAt),
                used: date(token.lastUsedAt),
              })}
            </p>
            {token.revokedAt ? null : (
              <button
                type="button"
                className="button danger small"
                onClick={() => setRevoking(token)}
                aria-label={t('ui.tokens.revokeNamed', { name: token.name })}
              >
                {t('ui.tokens.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <TokenCreateForm onCreated={reload} />
      <ConfirmDialog
        open={revoking !== null}
        title={t('ui.tokens.confirm.title', { name: revoking?.name ?? '' })}
        message={<p>{t('ui.tokens.confirm.text')}</p>}
        confirmLabel={t('ui.tokens.confirm.button')}
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
