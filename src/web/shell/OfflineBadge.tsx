import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';

function subscribe(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** True while the browser believes it has a network. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}

/** A small "offline" tag in the header; offline is normal in the field, not an error. */
export function OfflineBadge() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <span role="status" className="offline-badge-slot">
      {online ? null : <span className="offline-badge">{t('ui.shell.offline')}</span>}
    </span>
  );
}
