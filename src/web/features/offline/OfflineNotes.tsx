import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n.ts';
import type { LocalCase } from '../../offline/localCases.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { TextAreaField } from '../../ui/TextAreaField.tsx';

/** The case's notes on this device, and a form that queues a new one. */
export function OfflineNotes(props: {
  notes: LocalCase['notes'];
  writable: boolean;
  onQueue: (kind: string, payload: unknown) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return setError(t('ui.common.fillRequired'));
    setError(null);
    await props.onQueue('case.note', { text: text.trim(), sensitive });
    setText('');
    setSensitive(false);
  };
  const notes = [...props.notes].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="panel" aria-labelledby="offline-notes">
      <h2 id="offline-notes">{t('ui.cases.notes.title')}</h2>
      {notes.length === 0 ? <p className="empty">{t('ui.cases.notes.none')}</p> : null}
      <ul className="item-list">
        {notes.map((n) => (
          <li key={n.id} className="item">
            <p>{n.text}</p>
            <p className="item-meta">
              {formatDateTime(n.createdAt, i18n.language)}
              {n.pending ? ` · ${t('ui.sync.offline.notSentYet')}` : ''}
              {n.sensitive ? ` · ${t('ui.cases.notes.sensitiveTag')}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {props.writable ? (
        <form className="form" onSubmit={(e) => void submit(e)} noValidate>
          <ErrorAlert error={error} />
          <TextAreaField
            id="offline-note"
            label={t('ui.cases.notes.text')}
            value={text}
            onChange={setText}
          />
          <label className="check">
            <input
              type="checkbox"
              checked={sensitive}
              onChange={(e) => setSensitive(e.target.checked)}
            />
            <span>{t('ui.cases.notes.sensitive')}</span>
          </label>
          <button type="submit" className="button primary">
            {t('ui.cases.notes.add')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
