import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../lib/formatBytes.ts';
import { useOffline } from '../../offline/OfflineContext.tsx';
import type { QueuedFile } from '../../offline/store.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Notice } from '../../ui/Notice.tsx';
import { FileFields, useFileProblem } from '../cases/records/FileFields.tsx';
import { type FileLimits, fileKindLabel, fileMediaType } from '../cases/records/fileKinds.ts';

/**
 * Files for a case taken on this device (a photo, a scanned paper): kept encrypted here, sent in
 * parts when the network allows, resumed after a drop. Each shows whether it waits, how much has
 * gone, or why the server refused it.
 */
export function OfflineFiles(props: {
  caseId: string;
  files: QueuedFile[];
  limits: FileLimits | null;
  writable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const offline = useOffline();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sensitive, setSensitive] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<QueuedFile | null>(null);
  const size = (bytes: number) => formatBytes(bytes, i18n.language);
  const { limits } = props;
  const problemOf = useFileProblem(limits);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = file ? problemOf(file) : t('ui.cases.attachments.chooseFile');
    if (!file || problem) return setError(problem);
    setError(null);
    setBusy(true);
    try {
      await offline.queueFile(props.caseId, file, {
        contentType: limits ? fileMediaType(file, limits) : file.type,
        sensitive,
      });
      setFile(null);
      setSensitive(false);
      if (input.current) input.current.value = '';
      setNotice(t('ui.sync.files.queued'));
    } finally {
      setBusy(false);
    }
  };
  const sending = offline.status.sending;
  const stateOf = (f: QueuedFile): string => {
    if (f.problem) return t('ui.sync.files.refused', { reason: f.problem.message });
    if (sending?.id === f.id)
      return t('ui.sync.files.sending', {
        percent: Math.floor((sending.received / Math.max(sending.size, 1)) * 100),
      });
    return t('ui.sync.files.waiting');
  };
  const mine = props.files.filter((f) => f.caseId === props.caseId);
  return (
    <section className="panel" aria-labelledby="offline-files">
      <h2 id="offline-files">{t('ui.sync.files.title')}</h2>
      <p className="hint">{t('ui.sync.files.intro')}</p>
      <Notice>{notice}</Notice>
      {mine.length === 0 ? <p className="empty">{t('ui.sync.files.none')}</p> : null}
      <ul className="item-list" aria-label={t('ui.sync.files.listLabel')}>
        {mine.map((f) => (
          <li key={f.id} className="item">
            <p>
              <strong>{f.fileName}</strong>
            </p>
            <p className="item-meta">
              {fileKindLabel(f.contentType)} · {size(f.sizeBytes)}
              {f.sensitive ? ` · ${t('ui.cases.attachments.sensitiveTag')}` : ''}
            </p>
            <p className={f.problem ? 'alert alert-error' : 'item-meta'}>{stateOf(f)}</p>
            {sending?.id === f.id ? (
              <progress
                max={sending.size}
                value={sending.received}
                aria-label={t('ui.sync.files.progressOf', { name: f.fileName })}
              />
            ) : null}
            <button
              type="button"
              className="button secondary small"
              onClick={() => setRemoving(f)}
              disabled={sending?.id === f.id}
            >
              {t('ui.sync.files.removeNamed', { name: f.fileName })}
            </button>
          </li>
        ))}
      </ul>
      {props.writable ? (
        <form
          className="form"
          onSubmit={(e) => void submit(e)}
          noValidate
          aria-label={t('ui.cases.attachments.add')}
        >
          <FileFields
            id="offline-file"
            inputRef={input}
            limits={limits}
            disabled={busy}
            onChoose={(f) => {
              setFile(f);
              setNotice(null);
              setError(f ? problemOf(f) : null);
            }}
            sensitive={sensitive}
            onSensitive={setSensitive}
          />
          <ErrorAlert error={error} />
          <button type="submit" className="button secondary" disabled={busy}>
            {busy ? t('ui.common.working') : t('ui.sync.files.queue')}
          </button>
        </form>
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('ui.sync.files.confirmTitle')}
        message={<p>{t('ui.sync.files.confirmText', { name: removing?.fileName ?? '' })}</p>}
        confirmLabel={t('ui.sync.files.remove')}
        onConfirm={() => {
          const f = removing;
          setRemoving(null);
          if (f) void offline.discardFile(f.id).then(() => setNotice(t('ui.sync.files.removed')));
        }}
        onCancel={() => setRemoving(null)}
      />
    </section>
  );
}
