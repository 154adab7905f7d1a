import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../api/types.ts';
import { Link } from '../../../lib/router.tsx';
import { usePagedList } from '../../../lib/usePagedList.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Field } from '../../../ui/Field.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { LoadMore } from '../../../ui/LoadMore.tsx';
import { Page } from '../../../ui/Page.tsx';
import { AreaBreadcrumb } from './AreaBreadcrumb.tsx';
import { AreaNamesForm } from './AreaNamesForm.tsx';
import { areaName, rememberAreas, useAreaTrail } from './areaCache.ts';

/** The area hierarchy, one level at a time (country → provinces → districts), with search. */
export function AreasPage({ code }: { code: string | null }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [version, setVersion] = useState(0);
  const { trail, error: trailError } = useAreaTrail(code, version);
  const path = q
    ? `/areas?q=${encodeURIComponent(q)}&limit=100`
    : `/areas?parent=${encodeURIComponent(code ?? '')}&limit=100`;
  const list = usePagedList<Area>(path);
  const current = trail.at(-1) ?? null;

  useEffect(() => rememberAreas(list.items), [list.items]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(text.trim());
  };

  return (
    <Page title={current ? areaName(current, i18n.language) : t('ui.areas.title')}>
      <AreaBreadcrumb trail={trail} />
      <ErrorAlert error={trailError} />
      {current && can('area:write:all') ? (
        <AreaNamesForm
          key={current.code}
          area={current}
          onSaved={(a) => {
            rememberAreas([a]);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
      <search>
        <form className="search-form" onSubmit={search}>
          <Field
            id="area-search"
            label={t('ui.areas.search')}
            value={text}
            onChange={setText}
            type="search"
          />
          <button type="submit" className="button secondary">
            {t('ui.common.search')}
          </button>
        </form>
      </search>
      <h2>
        {q
          ? t('ui.areas.results')
          : current
            ? t('ui.areas.children', { name: areaName(current, i18n.language) })
            : t('ui.areas.roots')}
      </h2>
      <ErrorAlert error={list.error} />
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? (
        <p className="empty">{q ? t('ui.common.noResults') : t('ui.areas.none')}</p>
      ) : null}
      <ul className="item-list compact" aria-label={t('ui.areas.listLabel')}>
        {list.items.map((a) => (
          <li key={a.code} className="item">
            <div className="item-main">
              <Link to={`/areas/${encodeURIComponent(a.code)}`} className="item-title">
                {areaName(a, i18n.language)}
              </Link>
              <span className="item-sub">{a.code}</span>
            </div>
          </li>
        ))}
      </ul>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onLoad={() => void list.loadMore()} />
    </Page>
  );
}
