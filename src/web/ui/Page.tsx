import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { navigationCount } from '../lib/router.tsx';

/**
 * A page: its heading names the window and, after an in-app navigation,
 * takes the focus so screen readers announce where the user arrived.
 */
export function Page(props: { title: string; actions?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('ui.app.windowTitle', { page: props.title });
  }, [props.title, t]);

  useEffect(() => {
    if (navigationCount() > 0) heading.current?.focus();
  }, []);

  return (
    <section className="page">
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {props.title}
        </h1>
        {props.actions ? <div className="page-actions">{props.actions}</div> : null}
      </div>
      {props.children}
    </section>
  );
}
