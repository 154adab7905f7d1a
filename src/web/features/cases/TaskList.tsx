import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import type { CaseDetail } from './caseTypes.ts';

/** The case's tasks with their due times; open overdue tasks stand out (in words too). */
export function TaskList({ tasks }: { tasks: CaseDetail['tasks'] }) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  return (
    <section className="panel" aria-labelledby="case-tasks">
      <h2 id="case-tasks">{t('ui.cases.tasks.title')}</h2>
      {tasks.length === 0 ? <p className="empty">{t('ui.cases.tasks.none')}</p> : null}
      <ul className="item-list compact" aria-labelledby="case-tasks">
        {tasks.map((task) => {
          const overdue = !task.doneAt && Date.parse(task.dueAt) < now;
          return (
            <li key={task.id} className={overdue ? 'item item-overdue' : 'item'} data-testid="task">
              <div className="item-main">
                <span className="item-title">
                  {t(`ui.cases.tasks.kinds.${task.kind}`, { defaultValue: task.kind })}
                </span>
                {task.doneAt ? (
                  <span className="tag tag-ok">{t('ui.cases.tasks.done')}</span>
                ) : null}
                {overdue ? <span className="tag tag-bad">{t('ui.cases.overdue')}</span> : null}
              </div>
              <p className="item-meta">
                <time dateTime={task.doneAt ?? task.dueAt}>
                  {task.doneAt
                    ? t('ui.cases.tasks.doneAt', { at: formatDateTime(task.doneAt, i18n.language) })
                    : t('ui.cases.tasks.dueAt', { at: formatDateTime(task.dueAt, i18n.language) })}
                </time>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
