import { useTranslation } from 'react-i18next';

/** A polite "loading" line for screen readers and eyes alike. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('ui.common.loading')}
    </p>
  );
}
