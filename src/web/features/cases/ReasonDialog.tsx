import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';

interface ReasonDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  busy: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  /** Shown under the error (the problems the server listed). */
  extra?: ReactNode;
}

/** A modal that asks why (closure, rejection, reopening) before the action goes ahead. */
export function ReasonDialog(props: ReasonDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const fieldId = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      setReason('');
      setMissing(false);
      dialog.showModal();
    }
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  const confirm = () => {
    setMissing(!reason.trim());
    if (reason.trim()) props.onConfirm(reason.trim());
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      <div className="field">
        <label htmlFor={fieldId}>{t('ui.cases.actions.reason')}</label>
        <textarea
          id={fieldId}
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <ErrorAlert error={missing ? t('workflow.problems.reason_required') : props.error} />
      {props.extra}
      <div className="dialog-actions">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('ui.common.cancel')}
        </button>
        <button type="button" className="button primary" onClick={confirm} disabled={props.busy}>
          {props.busy ? t('ui.common.working') : props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
