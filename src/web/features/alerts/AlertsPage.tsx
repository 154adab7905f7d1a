import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TOPICS } from '../../../core/index.ts';
import { query } from '../../api/client.ts';
import { Link, navigate, useLocation } from '../../lib/router.tsx';
import { usePagedList } from '../../lib/usePagedList.ts';
import { useOnInboxChange } from '../../session/InboxContext.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { AlertList } from './AlertList.tsx';
import { ALERT_STATES, type AlertSummary } from './alertTypes.ts';
import './alerts.css';

interface Filters {
  state: string;
  topic: string;
}

/** State and topic, applied with the button (a select that moved the page would trap arrow keys). */
function AlertFilters(props: Filters & { onApply: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState(props.state);
  const [topic, setTopic] = useState(props.topic);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onApply({ state, topic });
  };
  return (
    <search>
      <form className="filter-form" onSubmit={submit} aria-label={t('ui.alerts.filters.label')}>
        <div className="filter-grid">
          <SelectField
            id="alert-state"
            label={t('ui.alerts.filters.state')}
            value={state}
            onChange={setState}
            options={[
              { value: '', label: t('ui.alerts.filters.anyState') },
              { value: 'open', label: t('ui.alerts.filters.open') },
              ...ALERT_STATES.map((s) => ({ value: s, label: t(`ui.alerts.states.${s}`) })),
            ]}
          />
          <SelectField
            id="alert-topic"
            label={t('ui.alerts.filters.topic')}
            value={topic}
            onChange={setTopic}
            options={[
              { value: '', label: t('ui.alerts.filters.anyTopic') },
              ...CASE_TOPICS.map((c) => ({ value: c, label: t(`ui.cases.topics.${c}`) })),
            ]}
          />
        </div>
        <div className="row-actions">
          <button type="submit" className="button primary">
            {t('ui.alerts.filters.apply')}
          </button>
        </div>
      </form>
    </search>
  );
}

/**
 * Alerts of the areas the reader covers, newest week first; state, topic and
 * area (from the map) live in the URL. The list follows the live inbox.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const state = search.get('state') ?? '';
  const topic = search.get('topic') ?? '';
  const area = search.get('area') ?? '';
  const list = usePagedList<AlertSummary>(`/alerts${query({ state, topic, area, limit: '25' })}`);
  useOnInboxChange(list.reload);
  const areaName = list.items.find((a) => a.areaCode === area)?.areaName ?? area;
  return (
    <Page title={t('ui.alerts.title')} actions={<Link to="/map">{t('ui.alerts.toMap')}</Link>}>
      <p className="lead">{t('ui.alerts.intro')}</p>
      <AlertFilters
        key={`${state}-${topic}`}
        state={state}
        topic={topic}
        onApply={(f) => navigate(`/alerts${query({ ...f, area })}`)}
      />
      {area ? (
        <p className="alert-area-filter">
          {t('ui.alerts.inArea', { area: areaName })}{' '}
          <Link to={`/alerts${query({ state, topic })}`}>{t('ui.alerts.allAreas')}</Link>
        </p>
      ) : null}
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.alerts.none')}</p>
      ) : null}
      <AlertList alerts={list.items} label={t('ui.alerts.title')} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
