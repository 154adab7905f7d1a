import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR } from '../api/client.ts';

/** The words to show for a failure: the server's translated title, else our own. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) {
      if (error.code === NETWORK_ERROR) return t('ui.errors.network');
      if (error.title) return error.title;
      return t(`errors.${error.code}`, { defaultValue: t('ui.errors.unexpected') });
    }
    if (typeof error === 'string') return error;
    return t('ui.errors.unexpected');
  };
}

/** An error announced to screen readers as soon as it appears; nothing when there is none. */
export function ErrorAlert({ error }: { error: unknown }) {
  const message = useErrorMessage();
  if (error === null || error === undefined) return null;
  return (
    <p role="alert" className="alert alert-error">
      {message(error)}
    </p>
  );
}
