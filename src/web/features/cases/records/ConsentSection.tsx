import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { useAction } from '../../../lib/useAction.ts';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import {
  type Consent,
  ConsentForm,
  type ConsentInput,
  ConsentItems,
  WithdrawConsentDialog,
} from './consentParts.tsx';

/** The case's consents per purpose, a form to record one, and withdrawal with confirmation. */
export function ConsentSection(props: { caseId: string; writable: boolean }) {
  const { t } = useTranslation();
  const base = `/cases/${encodeURIComponent(props.caseId)}/consents`;
  const { data, error, loading, reload } = useApiGet<{ items: Consent[] }>(base);
  const [saved, setSaved] = useState(0);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const record = useAction(async (input: ConsentInput) => {
    await api('POST', base, input);
    setSaved((n) => n + 1);
    reload();
    return true;
  });
  const withdraw = useAction(async (consent: Consent) => {
    await api('POST', `${base}/${encodeURIComponent(consent.id)}/withdraw`);
    setWithdrawing(null);
    reload();
  });

  return (
    <section className="panel" aria-labelledby="case-consent">
      <h2 id="case-consent">{t('ui.cases.consent.title')}</h2>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <ConsentItems items={data.items} writable={props.writable} onWithdraw={setWithdrawing} />
      ) : null}
      {props.writable ? (
        <ConsentForm
          busy={record.busy}
          error={record.error}
          status={<Notice>{saved > 0 ? t('ui.common.saved') : null}</Notice>}
          onSubmit={async (input) => (await record.run(input)) === true}
        />
      ) : null}
      <WithdrawConsentDialog
        consent={withdrawing}
        busy={withdraw.busy}
        error={withdraw.error}
        onConfirm={(consent) => void withdraw.run(consent)}
        onCancel={() => {
          setWithdrawing(null);
          withdraw.setError(null);
        }}
      />
    </section>
  );
}
