import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import type { Agency } from '../../../api/types.ts';
import { navigate } from '../../../lib/router.tsx';
import { useAction } from '../../../lib/useAction.ts';
import { Page } from '../../../ui/Page.tsx';
import { type AgencyDraft, AgencyForm } from './AgencyForm.tsx';

/** Adds an agency to the directory. */
export function AgencyCreatePage() {
  const { t } = useTranslation();
  const { run, busy, error } = useAction(async (d: AgencyDraft) => {
    const body = { code: d.code, name: d.name, type: d.type, areaCodes: d.areaCodes };
    const agency = await api<Agency>('POST', '/agencies', body);
    navigate(`/agencies/${encodeURIComponent(agency.id)}`);
  });
  return (
    <Page title={t('ui.agencies.createTitle')}>
      <AgencyForm
        agency={null}
        submitLabel={t('ui.agencies.create')}
        busy={busy}
        error={error}
        onSubmit={(d) => void run(d)}
      />
    </Page>
  );
}
