import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert.tsx';
import { useModalDialog } from './useModalDialog.ts';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: unknown;
}

/**
 * Asks before a destructive action. A native modal dialog: focus stays inside,
 * Escape cancels, and "Cancel" has the focus first so Enter does no harm.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useModalDialog(props.open);
  const titleId = useId();
  const messageId = useId();

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <div id={messageId}>{props.message}</div>
      <ErrorAlert error={props.error} />
      <div className="dialog-actions">
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice takes focus in a modal */}
        <button type="button" className="button secondary" onClick={props.onCancel} autoFocus>
          {t('ui.common.cancel')}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={props.onConfirm}
          disabled={props.busy}
        >
          {props.busy ? t('ui.common.working') : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
