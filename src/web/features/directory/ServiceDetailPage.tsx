import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Link } from '../../lib/router.tsx';
import { useAction } from '../../lib/useAction.ts';
import { useApiGet } from '../../lib/useApiGet.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ConflictNotice } from '../../ui/ConflictNotice.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import type { Service } from './directoryTypes.ts';
import { ServiceFacts } from './ServiceFacts.tsx';
import { ServiceForm } from './ServiceForm.tsx';
import { type ServiceDraft, serviceBody } from './serviceDraft.ts';
import { useAllAreas, useServiceTypes } from './useDirectoryData.ts';

/** One service: the facts for everyone; for directory managers, the edit form and (de)activation. */
export function ServiceDetailPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const path = `/services/${encodeURIComponent(id)}`;
  const { data: service, setData, error, loading, reload } = useApiGet<Service>(path);
  const types = useServiceTypes();
  const areas = useAllAreas(i18n.language);
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const save = useAction(async (d: ServiceDraft) => {
    if (!service) return;
    setSaved(null);
    setData(await api<Service>('PATCH', path, { version: service.version, ...serviceBody(d) }));
    setSaved(t('ui.common.saved'));
  });
  const setStatus = useAction(async (status: 'active' | 'inactive') => {
    if (!service) return;
    setSaved(null);
    setData(await api<Service>('PATCH', path, { version: service.version, status }));
    setConfirming(false);
    setSaved(t(status === 'active' ? 'ui.directory.reactivated' : 'ui.directory.deactivated'));
  });

  if (!service) {
    return (
      <Page title={t('ui.directory.detailTitle')}>
        {loading ? <Loading /> : <ErrorAlert error={error} />}
      </Page>
    );
  }
  const manager = can('service:write:all');
  return (
    <Page title={service.name}>
      <p>
        <Link to="/directory">{t('ui.directory.back')}</Link>
      </p>
      <Notice>{saved}</Notice>
      <ServiceFacts service={service} types={types} areas={areas} />
      {manager ? (
        <>
          <section className="panel" aria-labelledby="service-status-title">
            <h2 id="service-status-title">{t('ui.directory.statusTitle')}</h2>
            {confirming ? null : <ErrorAlert error={setStatus.error} />}
            <ConflictNotice error={setStatus.error} onReload={reload} />
            {service.status === 'active' ? (
              <button type="button" className="button danger" onClick={() => setConfirming(true)}>
                {t('ui.directory.deactivate')}
              </button>
            ) : (
              <button
                type="button"
                className="button secondary"
                onClick={() => void setStatus.run('active')}
                disabled={setStatus.busy}
              >
                {t('ui.directory.reactivate')}
              </button>
            )}
          </section>
          <h2>{t('ui.directory.editTitle')}</h2>
          <ServiceForm
            key={service.version}
            service={service}
            submitLabel={t('ui.common.save')}
            busy={save.busy}
            error={save.error}
            onSubmit={(d) => void save.run(d)}
          />
          <ConflictNotice error={save.error} onReload={reload} />
          <ConfirmDialog
            open={confirming}
            title={t('ui.directory.confirmDeactivate.title', { name: service.name })}
            message={<p>{t('ui.directory.confirmDeactivate.text')}</p>}
            confirmLabel={t('ui.directory.deactivate')}
            busy={setStatus.busy}
            error={confirming ? setStatus.error : null}
            onConfirm={() => void setStatus.run('inactive')}
            onCancel={() => {
              setConfirming(false);
              setStatus.setError(null);
            }}
          />
        </>
      ) : null}
    </Page>
  );
}
