import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../lib/useAction.ts';
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
  const [withdrawing, setWithdrawing] = useState<LocalConsent | null>(null);
  const queue = useAction(async (kind: string, payload: unknown) => {
    await props.onQueue(kind, payload);
    return true;
  });
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
          busy={queue.busy}
          error={queue.error}
          status={<Notice>{queued > 0 ? t('ui.sync.offline.consentQueued') : null}</Notice>}
          onSubmit={async (input) => {
            const ok =
              (await queue.run('case.consent', { ...input, id: crypto.randomUUID() })) === true;
            if (ok) setQueued((n) => n + 1);
            return ok;
          }}
        />
      ) : null}
      <WithdrawConsentDialog
        consent={withdrawing}
        busy={queue.busy}
        error={queue.error}
        onConfirm={(consent) =>
          void queue.run('case.consentWithdraw', { consentId: consent.id }).then((ok) => {
            if (ok) setWithdrawing(null);
          })
        }
        onCancel={() => {
          setWithdrawing(null);
          queue.setError(null);
        }}
      />
    </section>
  );
}
