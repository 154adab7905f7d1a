import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { Agency } from '../../../api/types.ts';
import { Link } from '../../../lib/router.tsx';
import { useAction } from '../../../lib/useAction.ts';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { ConflictNotice } from '../../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import { type AgencyDraft, AgencyForm } from './AgencyForm.tsx';

/** One agency: its facts for everyone, the edit form for administrators. */
export function AgencyDetailPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const path = `/agencies/${encodeURIComponent(id)}`;
  const { data: agency, setData, error, loading, reload } = useApiGet<Agency>(path);
  const [saved, setSaved] = useState(false);
  const save = useAction(async (d: AgencyDraft) => {
    if (!agency) return;
    setSaved(false);
    const body = {
      version: agency.version,
      name: d.name,
      type: d.type,
      areaCodes: d.areaCodes,
      disabled: d.disabled,
    };
    setData(await api<Agency>('PATCH', path, body));
    setSaved(true);
  });

  if (!agency) {
    return (
      <Page title={t('ui.agencies.detailTitle')}>
        {loading ? <Loading /> : <ErrorAlert error={error} />}
      </Page>
    );
  }
  return (
    <Page title={agency.name}>
      <p>
        <Link to="/agencies">{t('ui.agencies.back')}</Link>
      </p>
      <dl className="facts">
        <dt>{t('ui.agencies.code')}</dt>
        <dd>{agency.code}</dd>
        <dt>{t('ui.agencies.type')}</dt>
        <dd>{t(`ui.agencyTypes.${agency.type}`, { defaultValue: agency.type })}</dd>
        <dt>{t('ui.agencies.areas')}</dt>
        <dd>{agency.areaCodes.join(', ') || '—'}</dd>
      </dl>
      {can('agency:write:all') ? (
        <>
          <h2>{t('ui.agencies.editTitle')}</h2>
          <Notice>{saved ? t('ui.common.saved') : null}</Notice>
          <AgencyForm
            key={agency.version}
            agency={agency}
            submitLabel={t('ui.common.save')}
            busy={save.busy}
            error={save.error}
            onSubmit={(d) => void save.run(d)}
          />
          <ConflictNotice error={save.error} onReload={reload} />
        </>
      ) : null}
    </Page>
  );
}
