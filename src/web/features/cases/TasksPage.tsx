import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { formatDateTime } from '../../i18n.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import type { TaskSummary } from './caseTypes.ts';
import { RiskBadge } from './RiskBadge.tsx';

/** Open tasks on the agency's cases, soonest due first; overdue ones say so in words too. */
function OpenTaskList({ tasks }: { tasks: TaskSummary[] }) {
  const { t, i18n } = useTranslation();
  if (tasks.length === 0) return null;
  return (
    <ul className="item-list" aria-label={t('ui.tasks.listLabel')}>
      {tasks.map((task) => (
        <li
          key={task.id}
          className={task.overdue ? 'item item-overdue' : 'item'}
          data-testid="open-task"
        >
          <div className="item-main">
            <span className="item-title">
              {t(`ui.cases.tasks.kinds.${task.kind}`, { defaultValue: task.kind })}
            </span>
            {task.overdue ? <span className="tag tag-bad">{t('ui.cases.overdue')}</span> : null}
          </div>
          <p className="item-meta">
            <time dateTime={task.dueAt}>
              {t('ui.cases.tasks.dueAt', { at: formatDateTime(task.dueAt, i18n.language) })}
            </time>
          </p>
          <div className="item-main task-case">
            <Link to={`/cases/${encodeURIComponent(task.caseId)}`}>{task.personName}</Link>
            <span className="item-sub">{task.caseReference}</span>
          </div>
          <div className="tags">
            <RiskBadge risk={task.riskLevel} />
          </div>
          <p className="item-meta">
            {task.assignedTo
              ? t('ui.cases.assignedTo', { user: task.assignedTo })
              : t('ui.cases.unassigned')}
          </p>
        </li>
      ))}
    </ul>
  );
}

/**
 * What is due across the caseload. "Only mine" (tasks on my cases; on by default
 * for those who work cases) and "Only overdue" are kept in the URL.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { search } = useLocation();
  const worker = can('case:write:agency');
  const mine = worker && (search.has('mine') ? search.get('mine') === 'true' : true);
  const overdue = search.get('overdue') === 'true';
  const list = usePagedList<TaskSummary>(
    `/tasks${query({ mine: mine ? 'true' : '', overdue: overdue ? 'true' : '', limit: '25' })}`,
  );
  const apply = (next: { mine: boolean; overdue: boolean }) =>
    navigate(
      `/tasks${query({ mine: next.mine || !worker ? '' : 'false', overdue: next.overdue ? 'true' : '' })}`,
    );
  return (
    <Page title={t('ui.tasks.title')}>
      <p className="lead">{t('ui.tasks.intro')}</p>
      <search>
        <fieldset className="radio-row">
          <legend>{t('ui.tasks.filtersLabel')}</legend>
          {worker ? (
            <label className="check">
              <input
                type="checkbox"
                checked={mine}
                onChange={(e) => apply({ mine: e.target.checked, overdue })}
              />
              <span>{t('ui.tasks.onlyMine')}</span>
            </label>
          ) : null}
          <label className="check">
            <input
              type="checkbox"
              checked={overdue}
              onChange={(e) => apply({ mine, overdue: e.target.checked })}
            />
            <span>{t('ui.tasks.onlyOverdue')}</span>
          </label>
        </fieldset>
      </search>
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.tasks.none')}</p>
      ) : null}
      <OpenTaskList tasks={list.items} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
