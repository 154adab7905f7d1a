import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { formatDateTime } from '../../../i18n.ts';
import { formatBytes } from '../../../lib/formatBytes.ts';
import { useAction } from '../../../lib/useAction.ts';
import { useApiGet } from '../../../lib/useApiGet.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Loading } from '../../../ui/Loading.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import type { Attachment } from '../caseTypes.ts';
import { AttachmentUploadForm } from './AttachmentUploadForm.tsx';
import { fileKindLabel } from './fileKinds.ts';

/**
 * The case's files, newest first: download what this reader may open, remove
 * (after confirming: the bytes are erased), and attach a new one.
 */
export function AttachmentsSection(props: {
  caseId: string;
  writable: boolean;
  /** After a file is added or removed (the case's history has a new line). */
  onChanged?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const base = `/cases/${encodeURIComponent(props.caseId)}/attachments`;
  const { data, error, loading, reload } = useApiGet<{ items: Attachment[] }>(base);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [removed, setRemoved] = useState(false);
  const remove = useAction(async (file: Attachment) => {
    await api('DELETE', `${base}/${encodeURIComponent(file.id)}`);
    setRemoving(null);
    setRemoved(true);
    reload();
    props.onChanged?.();
  });
  const nameOf = (file: Attachment) => file.fileName ?? t('ui.cases.attachments.restricted');

  return (
    <section className="panel" aria-labelledby="case-attachments">
      <h2 id="case-attachments">{t('ui.cases.attachments.title')}</h2>
      <ErrorAlert error={error} />
      {loading && !data ? <Loading /> : null}
      <Notice>{removed ? t('ui.cases.attachments.removed') : null}</Notice>
      {data && data.items.length === 0 ? (
        <p className="empty">{t('ui.cases.attachments.none')}</p>
      ) : null}
      <ul className="item-list compact" aria-label={t('ui.cases.attachments.listLabel')}>
        {(data?.items ?? []).map((file) => (
          <li key={file.id} className="item" data-testid="attachment">
            <div className="item-main">
              <span
                className={file.fileName === null ? 'item-title empty' : 'item-title file-name'}
              >
                {nameOf(file)}
              </span>
              {file.sensitive ? (
                <span className="tag">{t('ui.cases.attachments.sensitiveTag')}</span>
              ) : null}
            </div>
            <p className="item-meta">
              {t('ui.cases.attachments.meta', {
                type: fileKindLabel(file.mediaType),
                size: formatBytes(file.sizeBytes, i18n.language),
                at: formatDateTime(file.createdAt, i18n.language),
                user: file.uploadedBy ?? '—',
              })}
            </p>
            {file.canOpen && file.fileName !== null ? (
              <div className="row-actions">
                <a
                  className="button secondary small"
                  href={`/api/v1${base}/${encodeURIComponent(file.id)}`}
                  download={file.fileName}
                  aria-label={t('ui.cases.attachments.downloadNamed', { name: file.fileName })}
                >
                  {t('ui.cases.attachments.download')}
                </a>
                {props.writable ? (
                  <button
                    type="button"
                    className="button danger small"
                    onClick={() => {
                      remove.setError(null);
                      setRemoving(file);
                    }}
                    aria-label={t('ui.cases.attachments.removeNamed', { name: file.fileName })}
                  >
                    {t('ui.cases.attachments.remove')}
                  </button>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {props.writable ? (
        <AttachmentUploadForm
          caseId={props.caseId}
          onUploaded={() => {
            setRemoved(false);
            reload();
            props.onChanged?.();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('ui.cases.attachments.confirm.title')}
        message={
          <p>
            {t('ui.cases.attachments.confirm.text', { name: removing ? nameOf(removing) : '' })}
          </p>
        }
        confirmLabel={t('ui.cases.attachments.remove')}
        busy={remove.busy}
        error={remove.error}
        onConfirm={() => removing && void remove.run(removing)}
        onCancel={() => {
          setRemoving(null);
          remove.setError(null);
        }}
      />
    </section>
  );
}
