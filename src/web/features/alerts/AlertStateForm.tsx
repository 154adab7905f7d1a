import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { useAction } from '../../lib/useAction.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { TextAreaField } from '../../ui/TextAreaField.tsx';
import { type AlertDetail, CLOSED_AS } from './alertTypes.ts';

/** Moves the alert on: the next state, how it closed when closing, and a comment (required). */
export function AlertStateForm({
  alert,
  onChanged,
}: {
  alert: AlertDetail;
  onChanged: (next: AlertDetail) => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState(alert.nextStates[0] ?? '');
  const [closedAs, setClosedAs] = useState<string>(CLOSED_AS[0]);
  const [comment, setComment] = useState('');
  const action = useAction((body: Record<string, unknown>) =>
    api<AlertDetail>('POST', `/alerts/${encodeURIComponent(alert.id)}/state`, body),
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await action.run({
      state,
      comment,
      version: alert.version,
      ...(state === 'closed' ? { closedAs } : {}),
    });
    if (next) {
      setComment('');
      setState(next.nextStates[0] ?? '');
      onChanged(next);
    }
  };
  return (
    <form className="panel alert-state-form" onSubmit={submit} aria-labelledby="alert-move">
      <h2 id="alert-move">{t('ui.alerts.move.title')}</h2>
      <SelectField
        id="alert-next-state"
        label={t('ui.alerts.move.state')}
        value={state}
        onChange={setState}
        options={alert.nextStates.map((s) => ({ value: s, label: t(`ui.alerts.states.${s}`) }))}
      />
      {state === 'closed' ? (
        <SelectField
          id="alert-closed-as"
          label={t('ui.alerts.move.closedAs')}
          value={closedAs}
          onChange={setClosedAs}
          options={CLOSED_AS.map((c) => ({ value: c, label: t(`ui.alerts.closedAs.${c}`) }))}
        />
      ) : null}
      <TextAreaField
        id="alert-comment"
        label={t('ui.alerts.move.comment')}
        value={comment}
        onChange={setComment}
      />
      <ErrorAlert error={action.error} />
      <div className="row-actions">
        <button
          type="submit"
          className="button primary"
          disabled={action.busy || comment.trim() === ''}
        >
          {t('ui.alerts.move.submit')}
        </button>
      </div>
    </form>
  );
}
