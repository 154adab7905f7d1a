import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, query } from '../../../api/client.ts';
import { useMeta } from '../../../api/directory.ts';
import { UPLOAD_CANCELLED, type Upload, uploadFile } from '../../../api/uploadFile.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import type { Attachment } from '../caseTypes.ts';
import { FileFields, useFileProblem } from './FileFields.tsx';
import { fileMediaType } from './fileKinds.ts';

/**
 * Attaches one file to the case: checked here against the node's types and size
 * limit first, then sent with a progress bar and a way to cancel.
 */
export function AttachmentUploadForm(props: { caseId: string; onUploaded: () => void }) {
  const { t } = useTranslation();
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

  const problemOf = useFileProblem(limits);
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
      <FileFields
        id="attachment-file"
        inputRef={input}
        limits={limits}
        disabled={uploading}
        onChoose={choose}
        sensitive={sensitive}
        onSensitive={setSensitive}
      />
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
