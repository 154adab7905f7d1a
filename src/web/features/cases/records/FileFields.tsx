import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../lib/formatBytes.ts';
import { acceptAttribute, type FileLimits, fileKindLabel, fileProblem } from './fileKinds.ts';

/** What is wrong with a file for these limits, in the user's words; null when it may go. */
export function useFileProblem(limits: FileLimits | null): (file: File) => string | null {
  const { t, i18n } = useTranslation();
  return (file) => {
    if (!limits) return null;
    switch (fileProblem(file, limits)) {
      case 'typeRefused':
        return t('ui.cases.attachments.typeRefused', {
          types: limits.types.map(fileKindLabel).join(', '),
        });
      case 'tooLarge':
        return t('ui.cases.attachments.tooLarge', {
          size: formatBytes(file.size, i18n.language),
          max: formatBytes(limits.maxBytes, i18n.language),
        });
      case 'empty':
        return t('ui.cases.attachments.empty');
      default:
        return null;
    }
  };
}

/** The file picker (with what the node allows) and the "sensitive" choice of an attachment form. */
export function FileFields(props: {
  id: string;
  inputRef: RefObject<HTMLInputElement | null>;
  limits: FileLimits | null;
  disabled: boolean;
  onChoose: (file: File | null) => void;
  sensitive: boolean;
  onSensitive: (sensitive: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const { limits } = props;
  const hintId = `${props.id}-hint`;
  return (
    <>
      <div className="field">
        <label htmlFor={props.id}>{t('ui.cases.attachments.file')}</label>
        <input
          ref={props.inputRef}
          id={props.id}
          type="file"
          accept={limits ? acceptAttribute(limits.types) : undefined}
          aria-describedby={limits ? hintId : undefined}
          disabled={props.disabled}
          onChange={(e) => props.onChoose(e.target.files?.[0] ?? null)}
        />
        {limits ? (
          <p id={hintId} className="hint">
            {t('ui.cases.attachments.allowed', {
              types: limits.types.map(fileKindLabel).join(', '),
              max: formatBytes(limits.maxBytes, i18n.language),
            })}
          </p>
        ) : null}
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={props.sensitive}
          disabled={props.disabled}
          onChange={(e) => props.onSensitive(e.target.checked)}
        />
        <span>
          {t('ui.cases.attachments.sensitive')}
          <span className="check-hint">{t('ui.cases.attachments.sensitiveHint')}</span>
        </span>
      </label>
    </>
  );
}
