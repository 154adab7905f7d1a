import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../lib/router.tsx';
import type { LocalCase } from '../../offline/localCases.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Page } from '../../ui/Page.tsx';
import { RiskBadge } from '../cases/RiskBadge.tsx';
import { SyncSummary } from './SyncSummary.tsx';
import { useOfflineData } from './useOfflineData.ts';

const PAGE = 50;

function matches(c: LocalCase, words: string[]): boolean {
  const text =
    `${c.detail.person.givenName} ${c.detail.person.familyName} ${c.detail.reference}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

/** The caseload this device holds, with what is still waiting to be sent. */
export function OfflineCaseloadPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const data = useOfflineData();
  const [q, setQ] = useState('');
  const [shown, setShown] = useState(PAGE);
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const cases = (data?.cases ?? []).filter((c) => matches(c, words));
  const actions = can('case:write:agency') ? (
    <Link to="/cases/new" className="button primary">
      {t('ui.cases.new')}
    </Link>
  ) : null;
  return (
    <Page title={t('ui.sync.offline.caseloadTitle')} actions={actions}>
      <SyncSummary />
      <Field
        id="offline-q"
        label={t('ui.sync.offline.search')}
        value={q}
        onChange={(v) => {
          setQ(v);
          setShown(PAGE);
        }}
      />
      {data === null ? <Loading /> : null}
      {data && cases.length === 0 ? <p className="empty">{t('ui.common.noResults')}</p> : null}
      <ul className="item-list" aria-label={t('ui.cases.listLabel')}>
        {cases.slice(0, shown).map((c) => (
          <li key={c.detail.id} className="item">
            <div className="item-main">
              <Link to={`/cases/${encodeURIComponent(c.detail.id)}`} className="item-title">
                {`${c.detail.person.givenName} ${c.detail.person.familyName}`.trim()}
              </Link>
              <span className="item-sub">
                {c.detail.reference || t('ui.sync.offline.noReferenceYet')}
              </span>
            </div>
            <p className="item-meta">
              {t(`workflow.steps.${c.detail.step}`, { defaultValue: c.detail.step })} ·{' '}
              {c.detail.topics.map((topic) => t(`ui.cases.topics.${topic}`)).join(', ')}
            </p>
            <div className="tags">
              <RiskBadge risk={c.detail.riskLevel} />
              {c.pending.length > 0 ? (
                <span className="tag tag-warn">
                  {t('ui.sync.offline.pendingChanges', { count: c.pending.length })}
                </span>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <LoadMore
        hasMore={cases.length > shown}
        loading={false}
        onLoad={() => setShown((n) => n + PAGE)}
      />
    </Page>
  );
}
