import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { query } from '../../api/client.ts';
import { usePagedList } from '../../lib/usePagedList.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { LoadMore } from '../../ui/LoadMore.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { Page } from '../../ui/Page.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import type { DuplicatePair } from './linkageTypes.ts';
import { PairCard } from './PairCard.tsx';
import './duplicates.css';

const STATUSES = ['open', 'merged', 'distinct'] as const;

/**
 * Possible duplicate persons across every agency of the node, highest score
 * first, for reviewers: each pair side by side with why the engine matched it.
 */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('open');
  const list = usePagedList<DuplicatePair>(`/duplicates${query({ status, limit: '20' })}`);
  const [notice, setNotice] = useState<string | null>(null);
  const decided = (pair: DuplicatePair) => {
    setNotice(t(`ui.linkage.review.done.${pair.status}`));
    list.setItems((items) => items.filter((p) => p.id !== pair.id));
  };
  return (
    <Page title={t('ui.linkage.review.title')}>
      <p className="hint">{t('ui.linkage.review.hint')}</p>
      <SelectField
        id="pair-status"
        label={t('ui.linkage.review.show')}
        value={status}
        onChange={(v) => {
          setNotice(null);
          setStatus(v as (typeof STATUSES)[number]);
        }}
        options={STATUSES.map((s) => ({ value: s, label: t(`ui.linkage.review.status.${s}`) }))}
      />
      <Notice>{notice}</Notice>
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{t('ui.linkage.review.none')}</p>
      ) : null}
      {list.items.map((pair) => (
        <PairCard key={pair.id} pair={pair} onDecided={decided} onReload={list.reload} />
      ))}
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
