import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ApiToken } from '../../api/types.ts';
import { useAction } from '../../lib/useAction.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { CheckboxList } from '../../ui/CheckboxList.tsx';
import { CopyButton } from '../../ui/CopyButton.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { permissionLabel } from '../admin/permissionLabel.ts';

/** Issues a token with some of your own permissions; its secret is shown once, here. */
export function TokenCreateForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState('90');
  const [secret, setSecret] = useState<string | null>(null);
  const { run, busy, error, setError } = useAction(async () => {
    const body = { name: name.trim(), scopes, expiresInDays: Number(days) };
    const created = await api<ApiToken & { token: string }>('POST', '/tokens', body);
    setSecret(created.token);
    setName('');
    setScopes([]);
    onCreated();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    if (scopes.length === 0) return setError(t('ui.tokens.needScope'));
    void run();
  };

  return (
    <>
      {secret ? (
        <div className="panel secret-panel">
          <h3>{t('ui.tokens.createdTitle')}</h3>
          <p role="alert" className="alert alert-warn">
            {t('ui.tokens.createdWarning')}
          </p>
          <p>
            <code className="secret" data-testid="token-secret">
              {secret}
            </code>
          </p>
          <div className="row-actions">
            <CopyButton text={secret} label={t('ui.tokens.copy')} />
            <button type="button" className="button secondary" onClick={() => setSecret(null)}>
              {t('ui.tokens.hide')}
            </button>
          </div>
        </div>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <h3>{t('ui.tokens.createTitle')}</h3>
        <Field
          id="token-name"
          label={t('ui.tokens.name')}
          value={name}
          onChange={setName}
          required
        />
        <CheckboxList
          name="scopes"
          legend={t('ui.tokens.scopes')}
          selected={scopes}
          onChange={setScopes}
          options={(user?.permissions ?? []).map((p) => ({
            value: p,
            label: permissionLabel(t, p),
            hint: p,
          }))}
        />
        <Field
          id="token-days"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          label={t('ui.tokens.days')}
          value={days}
          onChange={setDays}
        />
        <ErrorAlert error={error} />
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('ui.common.working') : t('ui.tokens.create')}
        </button>
      </form>
    </>
  );
}
