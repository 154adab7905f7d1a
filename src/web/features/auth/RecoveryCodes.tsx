import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../ui/CopyButton.tsx';

/** Recovery codes, shown once: the user must keep them somewhere safe, away from the phone. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="recovery">
      <h2>{t('ui.totp.recoveryTitle')}</h2>
      <p role="alert" className="alert alert-warn">
        {t('ui.totp.recoveryWarning')}
      </p>
      <ul className="recovery-codes" aria-label={t('ui.totp.recoveryTitle')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="row-actions">
        <CopyButton text={codes.join('\n')} label={t('ui.totp.copyCodes')} />
        <button type="button" className="button primary" onClick={onDone}>
          {t('ui.totp.storedCodes')}
        </button>
      </div>
    </div>
  );
}
