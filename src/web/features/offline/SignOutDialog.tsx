import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../ui/useModalDialog.ts';

/**
 * Sign-out on a device that holds offline data: keep it (locked; the password opens it again,
 * and changes not yet sent wait) or wipe it (a shared or handed-back phone).
 */
export function SignOutDialog(props: {
  open: boolean;
  pending: number;
  onKeep: () => void;
  onWipe: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useModalDialog(props.open);
  const titleId = useId();
  const textId = useId();
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={titleId}>{t('ui.sync.signOut.title')}</h2>
      <div id={textId}>
        <p>{t('ui.sync.signOut.text')}</p>
        {props.pending > 0 ? (
          <p className="alert alert-info">
            {t('ui.sync.signOut.pending', { count: props.pending })}
          </p>
        ) : null}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('ui.common.cancel')}
        </button>
        {/* biome-ignore lint/a11y/noAutofocus: keeping the data is the safe choice in a modal */}
        <button type="button" className="button primary" onClick={props.onKeep} autoFocus>
          {t('ui.sync.signOut.keep')}
        </button>
        <button type="button" className="button danger" onClick={props.onWipe}>
          {t('ui.sync.signOut.wipe')}
        </button>
      </div>
    </dialog>
  );
}
