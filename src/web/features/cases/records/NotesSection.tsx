import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../i18n.ts';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { TextAreaField } from '../../../ui/TextAreaField.tsx';
import { usePlanPost } from '../plan/usePlanPost.ts';

/** One case note; `text` is null when it is sensitive and not for this reader. */
interface CaseNote {
  id: string;
  sensitive: boolean;
  text: string | null;
  authorUsername: string | null;
  createdAt: string;
}

/** The case's notes, newest first, and a form to add one (optionally sensitive). */
export function NotesSection(props: { caseId: string; writable: boolean }) {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useApiGet<{ items: CaseNote[] }>(
    `/cases/${encodeURIComponent(props.caseId)}/notes`,
  );
  const [text, setText] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const [missing, setMissing] = useState(false);
  const post = usePlanPost(props.caseId, 'notes', () => {
    setText('');
    setSensitive(false);
    reload();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!text.trim());
    if (text.trim()) void post.run({ text: text.trim(), sensitive });
  };
  return (
    <section className="panel" aria-labelledby="case-notes">
      <h2 id="case-notes">{t('ui.cases.notes.title')}</h2>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      {data && data.items.length === 0 ? <p className="empty">{t('ui.cases.notes.none')}</p> : null}
      <ul className="item-list compact" aria-label={t('ui.cases.notes.listLabel')}>
        {(data?.items ?? []).map((n) => (
          <li key={n.id} className="item">
            <div className="item-main">
              {n.text === null ? (
                <span className="item-title empty">{t('ui.cases.notes.hidden')}</span>
              ) : (
                <span className="item-title">{n.text}</span>
              )}
              {n.sensitive ? <span className="tag">{t('ui.cases.notes.sensitiveTag')}</span> : null}
            </div>
            <p className="item-meta">
              {t('ui.cases.notes.meta', {
                at: formatDateTime(n.createdAt, i18n.language),
                user: n.authorUsername ?? '—',
              })}
            </p>
          </li>
        ))}
      </ul>
      {props.writable ? (
        <form className="form" onSubmit={submit} noValidate aria-label={t('ui.cases.notes.add')}>
          <Notice>{post.saved > 0 ? t('ui.common.saved') : null}</Notice>
          <TextAreaField
            id="note-text"
            label={t('ui.cases.notes.text')}
            value={text}
            onChange={(v) => setText(v.slice(0, 10_000))}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={sensitive}
              onChange={(e) => setSensitive(e.target.checked)}
            />
            <span>
              {t('ui.cases.notes.sensitive')}
              <span className="check-hint">{t('ui.cases.notes.sensitiveHint')}</span>
            </span>
          </label>
          <ErrorAlert error={missing ? t('ui.common.fillRequired') : post.error} />
          <button type="submit" className="button secondary" disabled={post.busy}>
            {post.busy ? t('ui.common.saving') : t('ui.cases.notes.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
