import { useTranslation } from 'react-i18next';

/** A service's status as a coloured tag (text, not colour alone, carries the meaning). */
export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone =
    status === 'active' ? 'tag-ok' : status === 'temporarily closed' ? 'tag-warn' : 'tag-bad';
  return (
    <span className={`tag ${tone}`}>
      {t(`ui.directory.statuses.${status.replace(' ', '_')}`, { defaultValue: status })}
    </span>
  );
}
