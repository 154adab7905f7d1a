import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/** After a 409 version_conflict: the record changed under us; offer to reload it. */
export function ConflictNotice({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'version_conflict') return null;
  return (
    <p>
      <button type="button" className="button secondary" onClick={onReload}>
        {t('ui.common.reload')}
      </button>
    </p>
  );
}
