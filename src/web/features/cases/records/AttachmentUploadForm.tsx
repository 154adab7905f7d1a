import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, query } from '../../../api/client.ts';
import { useMeta } from '../../../api/directory.ts';
import { UPLOAD_CANCELLED, type Upload, uploadFile } from '../../../api/uploadFile.ts';
import { formatBytes } from '../../../lib/formatBytes.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import type { Attachment } from '../caseTypes.ts';
import { acceptAttribute, fileKindLabel, fileMediaType, fileProblem } from './fileKinds.ts';

/**
 * Attaches one file to the case: checked here against the node's types and size
 * limit first, then sent with a progress bar and a way to cancel.
 */
export function AttachmentUploadForm(props: { caseId: string; onUploaded: () => void }) {
  const { t, i18n } = useTranslation();
  const limits = useMeta()?.attachments ?? null;
  const input = useRef<HTMLInputElement>(null);
  const upload = useRef<Upload<Attachment> | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sensitive, setSensitive] = useState(false);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Leaving the page stops an upload still going.
  useEffect(() => () => upload.current?.cancel(), []);

  const size = (bytes: number) => formatBytes(bytes, i18n.language);
  const allowed = limits ? limits.types.map(fileKindLabel).join(', ') : '';
  /** What is wrong with the file, in words; null when it may be sent. */
  const problemOf = (f: File): string | null => {
    if (!limits) return null;
    switch (fileProblem(f, limits)) {
      case 'typeRefused':
        return t('ui.cases.attachments.typeRefused', { types: allowed });
      case 'tooLarge':
        return t('ui.cases.attachments.tooLarge', {
          size: size(f.size),
          max: size(limits.maxBytes),
        });
      case 'empty':
        return t('ui.cases.attachments.empty');
      default:
        return null;
    }
  };
  const choose = (f: File | null) => {
    setFile(f);
    setNotice(null);
    setError(f ? problemOf(f) : null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = file ? problemOf(file) : t('ui.cases.attachments.chooseFile');
    if (!file || problem) {
      setError(problem);
      return;
    }
    setError(null);
    setNotice(null);
    setPercent(0);
    const path = `/cases/${encodeURIComponent(props.caseId)}/attachments${query({
      name: file.name,
      sensitive: String(sensitive),
    })}`;
    const started = uploadFile<Attachment>(path, file, {
      type: limits ? fileMediaType(file, limits) : file.type,
      onProgress: (fraction) => setPercent(Math.round(fraction * 100)),
    });
    upload.current = started;
    try {
      await started.done;
      setFile(null);
      setSensitive(false);
      if (input.current) input.current.value = '';
      setNotice(t('ui.cases.attachments.uploaded'));
      props.onUploaded();
    } catch (e) {
      if (e instanceof ApiError && e.code === UPLOAD_CANCELLED)
        setNotice(t('ui.cases.attachments.cancelled'));
      else setError(e);
    } finally {
      upload.current = null;
      setPercent(null);
    }
  };

  const uploading = percent !== null;
  return (
    <form
      className="form"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={t('ui.cases.attachments.add')}
    >
      <Notice>{notice}</Notice>
      <div className="field">
        <label htmlFor="attachment-file">{t('ui.cases.attachments.file')}</label>
        <input
          ref={input}
          id="attachment-file"
          type="file"
          accept={limits ? acceptAttribute(limits.types) : undefined}
          aria-describedby={limits ? 'attachment-file-hint' : undefined}
          disabled={uploading}
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
        {limits ? (
          <p id="attachment-file-hint" className="hint">
            {t('ui.cases.attachments.allowed', { types: allowed, max: size(limits.maxBytes) })}
          </p>
        ) : null}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={sensitive}
          disabled={uploading}
          onChange={(e) => setSensitive(e.target.checked)}
        />
        <span>
          {t('ui.cases.attachments.sensitive')}
          <span className="check-hint">{t('ui.cases.attachments.sensitiveHint')}</span>
        </span>
      </label>
      <ErrorAlert error={error} />
      {uploading ? (
        <div className="upload-progress">
          <label htmlFor="attachment-progress">
            {t('ui.cases.attachments.uploading', { percent })}
          </label>
          <progress id="attachment-progress" max={100} value={percent}>
            {percent}%
          </progress>
          <button
            type="button"
            className="button secondary small"
            onClick={() => upload.current?.cancel()}
          >
            {t('ui.cases.attachments.cancel')}
          </button>
        </div>
      ) : (
        <button type="submit" className="button secondary">
          {t('ui.cases.attachments.upload')}
        </button>
      )}
    </form>
  );
}
