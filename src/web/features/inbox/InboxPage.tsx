import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client.ts';
import { formatDateTime } from '../../i18n.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { useAction } from '../../lib/useAction.ts';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useInbox, useOnInboxChange } from '../../session/InboxContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import type { NotificationView } from './notificationTypes.ts';

/** How the email and SMS copies fared, in words. */
function Deliveries({ items }: { items: NotificationView['deliveries'] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <p className="item-meta">
      {items
        .map((d) =>
          t('ui.inbox.deliveryLine', {
            channel: t(`ui.inbox.channels.${d.channel}`, { defaultValue: d.channel }),
            state:
              d.state === 'failed'
                ? t('ui.inbox.deliveryStates.failed', { count: d.attempts })
                : t(`ui.inbox.deliveryStates.${d.state}`, { defaultValue: d.state }),
          }),
        )
        .join(' · ')}
    </p>
  );
}

/**
 * Your notifications, newest first: what happened (from the catalogue), when,
 * a link to it (opening it marks it read), read or not in words, and how its
 * email and SMS copies fared. "Only unread" lives in the URL. The list follows
 * the live inbox.
 */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const { unread, setUnread } = useInbox();
  const onlyUnread = search.get('unread') === 'true';
  const list = usePagedList<NotificationView>(
    `/notifications${query({ unread: onlyUnread ? 'true' : '', limit: '25' })}`,
  );
  useOnInboxChange(list.reload);
  const readAll = useAction(async () => {
    const result = await api<{ unread: number }>('POST', '/notifications/read-all');
    setUnread(result.unread);
    list.reload();
  });
  const open = (n: NotificationView) => {
    if (n.readAt) return;
    void api<{ unread: number }>('POST', `/notifications/${encodeURIComponent(n.id)}/read`)
      .then((r) => setUnread(r.unread))
      .catch(() => undefined);
  };
  const actions =
    (unread ?? 0) > 0 ? (
      <button
        type="button"
        className="button secondary"
        onClick={() => void readAll.run()}
        disabled={readAll.busy}
      >
        {readAll.busy ? t('ui.common.working') : t('ui.inbox.readAll')}
      </button>
    ) : null;
  return (
    <Page title={t('ui.inbox.title')} actions={actions}>
      <p className="lead">{t('ui.inbox.intro')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={onlyUnread}
          onChange={(e) => navigate(`/inbox${query({ unread: e.target.checked ? 'true' : '' })}`)}
        />
        <span>{t('ui.inbox.onlyUnread')}</span>
      </label>
      <ErrorAlert error={list.error ?? readAll.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.inbox.none')}</p>
      ) : null}
      {list.items.length > 0 ? (
        <ul className="item-list" aria-label={t('ui.inbox.listLabel')}>
          {list.items.map((n) => (
            <li
              key={n.id}
              className={n.readAt ? 'item notification' : 'item notification unread'}
              data-testid="notification"
            >
              <div className="item-main">
                <Link to={n.link} className="item-title" onClick={() => open(n)}>
                  {t(`notifications.${n.kind}`, { ...n.params, defaultValue: n.kind })}
                </Link>
                <span className={n.readAt ? 'tag' : 'tag tag-warn'}>
                  {n.readAt ? t('ui.inbox.read') : t('ui.inbox.unread')}
                </span>
              </div>
              <p className="item-meta">
                <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, i18n.language)}</time>
              </p>
              <Deliveries items={n.deliveries} />
            </li>
          ))}
        </ul>
      ) : null}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
