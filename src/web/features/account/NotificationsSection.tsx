import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { useApiGet } from '../../lib/useApiGet.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { isInternationalPhone } from './phone.ts';

/** GET/PATCH /me/notifications. */
interface Preferences {
  email: boolean;
  sms: boolean;
  phone: string | null;
  /** The channels this node can send at all. */
  available: { email: boolean; sms: boolean };
  hasEmail: boolean;
}

/**
 * How you hear of referrals besides the inbox: email and SMS copies (which say
 * only a reference, never a name), where this node offers them; SMS needs a
 * phone number in international form.
 */
export function NotificationsSection() {
  const { t } = useTranslation();
  const { data, setData, error, loading } = useApiGet<Preferences>('/me/notifications');
  const [email, setEmail] = useState(false);
  const [sms, setSms] = useState(false);
  const [phone, setPhone] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!data) return;
    setEmail(data.email);
    setSms(data.sms);
    setPhone(data.phone ?? '');
  }, [data]);
  const save = useAction(async () => {
    setSaved(false);
    // A channel the node does not offer keeps its stored choice.
    const next = await api<Preferences>('PATCH', '/me/notifications', {
      ...(data?.available.email ? { email } : {}),
      ...(data?.available.sms ? { sms } : {}),
      phone: phone.trim() ? phone.trim() : null,
    });
    setData(next);
    setSaved(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let problem: string | null = null;
    if (phone.trim() && !isInternationalPhone(phone))
      problem = 'ui.account.notifications.phoneInvalid';
    else if (sms && data?.available.sms && !phone.trim())
      problem = 'ui.account.notifications.phoneNeeded';
    setInvalid(problem);
    if (!problem) void save.run();
  };
  const channels = data
    ? [
        t('ui.account.notifications.channels.inApp'),
        ...(data.available.email ? [t('ui.account.notifications.channels.email')] : []),
        ...(data.available.sms ? [t('ui.account.notifications.channels.sms')] : []),
      ].join(', ')
    : '';
  return (
    <section className="panel" aria-labelledby="account-notifications">
      <h2 id="account-notifications">{t('ui.account.notifications.title')}</h2>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <form className="form" onSubmit={submit} noValidate aria-labelledby="account-notifications">
          <p>{t('ui.account.notifications.offered', { channels })}</p>
          <p className="hint">{t('ui.account.notifications.privacy')}</p>
          <label className="check">
            <input
              type="checkbox"
              checked={email && data.available.email}
              disabled={!data.available.email}
              onChange={(e) => setEmail(e.target.checked)}
              aria-describedby="notify-email-hint"
            />
            <span>
              {t('ui.account.notifications.email')}
              <span id="notify-email-hint" className="check-hint">
                {!data.available.email
                  ? t('ui.account.notifications.notOffered')
                  : data.hasEmail
                    ? t('ui.account.notifications.emailHint')
                    : t('ui.account.notifications.noEmail')}
              </span>
            </span>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={sms && data.available.sms}
              disabled={!data.available.sms}
              onChange={(e) => setSms(e.target.checked)}
              aria-describedby="notify-sms-hint"
            />
            <span>
              {t('ui.account.notifications.sms')}
              <span id="notify-sms-hint" className="check-hint">
                {data.available.sms
                  ? t('ui.account.notifications.smsHint')
                  : t('ui.account.notifications.notOffered')}
              </span>
            </span>
          </label>
          <Field
            id="notify-phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            label={t('ui.account.notifications.phone')}
            value={phone}
            onChange={setPhone}
            hint={t('ui.account.notifications.phoneHint')}
            aria-invalid={invalid === 'ui.account.notifications.phoneInvalid' || undefined}
          />
          <ErrorAlert error={invalid ? t(invalid) : save.error} />
          <Notice>{saved ? t('ui.account.notifications.saved') : null}</Notice>
          <button type="submit" className="button secondary" disabled={save.busy}>
            {save.busy ? t('ui.common.saving') : t('ui.common.save')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
