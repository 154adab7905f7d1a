import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { TotpSetup } from '../../api/types.ts';
import { useAction } from '../../lib/useAction.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';

/** Groups a base32 secret in fours so it can be typed into an app by hand. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/**
 * Two-step enrolment: start (QR code and secret), confirm with a code from the
 * app, then show the recovery codes once. `onDone` runs after they are stored.
 */
export function TotpEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useAction(async () => setSetup(await api<TotpSetup>('POST', '/auth/totp/setup')));
  const confirm = useAction(async () => {
    const result = await api<{ recoveryCodes: string[] }>('POST', '/auth/totp/confirm', {
      code: code.replace(/\s/g, ''),
    });
    setCodes(result.recoveryCodes);
  });

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;

  if (!setup) {
    return (
      <div className="totp-start">
        <p>{t('ui.totp.intro')}</p>
        <ErrorAlert error={start.error} />
        <button
          type="button"
          className="button primary"
          onClick={() => void start.run()}
          disabled={start.busy}
        >
          {start.busy ? t('ui.common.working') : t('ui.totp.start')}
        </button>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirm.run();
  };

  return (
    <div className="totp-setup">
      <ol className="steps">
        <li>{t('ui.totp.step1')}</li>
        <li>
          {t('ui.totp.step2')}
          <img
            className="qr"
            src={setup.qrDataUrl}
            alt={t('ui.totp.qrAlt')}
            width={240}
            height={240}
          />
          <p>{t('ui.totp.secretLabel')}</p>
          <p>
            <code className="secret" data-testid="totp-secret" data-secret={setup.secret}>
              {grouped(setup.secret)}
            </code>
          </p>
        </li>
        <li>{t('ui.totp.step3')}</li>
      </ol>
      <form onSubmit={submit} className="form" noValidate>
        <Field
          id="totp-code"
          label={t('ui.totp.code')}
          value={code}
          onChange={setCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
        />
        <ErrorAlert error={confirm.error} />
        <button type="submit" className="button primary" disabled={confirm.busy}>
          {confirm.busy ? t('ui.common.working') : t('ui.totp.confirm')}
        </button>
      </form>
    </div>
  );
}
