import { useTranslation } from 'react-i18next';

/** The "load more" button under a paginated list; hidden when there is nothing more. */
export function LoadMore(props: { hasMore: boolean; loading: boolean; onLoad: () => void }) {
  const { t } = useTranslation();
  if (!props.hasMore) return null;
  return (
    <p className="load-more">
      <button
        type="button"
        className="button secondary"
        onClick={props.onLoad}
        disabled={props.loading}
      >
        {props.loading ? t('ui.common.loading') : t('ui.common.loadMore')}
      </button>
    </p>
  );
}
