import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalCase, LocalConsent } from '../../offline/localCases.ts';
import { Notice } from '../../ui/Notice.tsx';
import {
  ConsentForm,
  ConsentItems,
  WithdrawConsentDialog,
} from '../cases/records/consentParts.tsx';

/**
 * The case's consents on this device, with those recorded or withdrawn here laid over them; a
 * consent recorded here is queued with its own id, so it can be withdrawn before it syncs, and a
 * referral queued after it goes with consent instead of a written justification.
 */
export function OfflineConsent(props: {
  consents: LocalCase['consents'];
  writable: boolean;
  onQueue: (kind: string, payload: unknown) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [queued, setQueued] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [withdrawing, setWithdrawing] = useState<LocalConsent | null>(null);
  const queue = async (kind: string, payload: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await props.onQueue(kind, payload);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const pendingNote = (c: LocalConsent) =>
    c.pending ? (
      <p className="item-meta">
        {c.pending === 'recorded'
          ? t('ui.sync.offline.consentNotSent')
          : t('ui.sync.offline.withdrawalNotSent')}
      </p>
    ) : null;
  return (
    <section className="panel" aria-labelledby="offline-consent">
      <h2 id="offline-consent">{t('ui.cases.consent.title')}</h2>
      <ConsentItems
        items={props.consents}
        writable={props.writable}
        onWithdraw={(c) => setWithdrawing(c as LocalConsent)}
        note={(c) => pendingNote(c as LocalConsent)}
      />
      {props.writable ? (
        <ConsentForm
          busy={busy}
          error={error}
          status={<Notice>{queued > 0 ? t('ui.sync.offline.consentQueued') : null}</Notice>}
          onSubmit={async (input) => {
            const ok = await queue('case.consent', { ...input, id: crypto.randomUUID() });
            if (ok) setQueued((n) => n + 1);
            return ok;
          }}
        />
      ) : null}
      <WithdrawConsentDialog
        consent={withdrawing}
        busy={busy}
        error={error}
        onConfirm={(consent) =>
          void queue('case.consentWithdraw', { consentId: consent.id }).then((ok) => {
            if (ok) setWithdrawing(null);
          })
        }
        onCancel={() => {
          setWithdrawing(null);
          setError(null);
        }}
      />
    </section>
  );
}
