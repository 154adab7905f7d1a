import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { Link } from '../../lib/router.tsx';
import { useAction } from '../../lib/useAction.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { Notice } from '../../ui/Notice.tsx';
import type { CaseDetail } from '../cases/caseTypes.ts';
import { draftProblem, draftValue, FieldValueInput } from './FieldValueInput.tsx';
import { fieldLabel } from './fieldText.ts';
import type { FieldsOutcome } from './syncTypes.ts';
import './sync.css';

/** The offline-editable fields the case page shows, in form order (the area is not shown). */
const FIELDS = [
  'person.givenName',
  'person.familyName',
  'person.sex',
  'person.birthDate',
  'person.estimatedAge',
  'case.riskLevel',
] as const;

type Draft = Record<(typeof FIELDS)[number], string>;

function draftOf(detail: CaseDetail): Draft {
  const p = detail.person;
  return {
    'person.givenName': p.givenName,
    'person.familyName': p.familyName,
    'person.sex': p.sex,
    'person.birthDate': p.birthDate ?? '',
    'person.estimatedAge': p.ageEstimated && p.age !== null ? String(p.age) : '',
    'case.riskLevel': detail.riskLevel,
  };
}

type Outcome = 'saved' | 'unchanged' | 'conflict' | null;

/**
 * "Edit details": the person's names, sex, birth date or estimated age and the
 * risk level, sent as PATCH /cases/:id/fields with only what changed. The server
 * merges per field; a change that meets another one is kept as a conflict.
 */
export function CaseFieldsForm({ detail, onSaved }: { detail: CaseDetail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const formId = useId();
  const close = (result: Outcome) => {
    setOutcome(result);
    setOpen(false);
    toggle.current?.focus();
  };
  const message =
    outcome === 'conflict' ? (
      <>
        {t('ui.sync.edit.conflict')}{' '}
        <Link to="/sync/conflicts">{t('ui.sync.edit.reviewLink')}</Link>
      </>
    ) : outcome === 'saved' ? (
      t('ui.sync.edit.saved')
    ) : outcome === 'unchanged' ? (
      t('ui.sync.edit.unchanged')
    ) : null;
  return (
    <div className="fields-form">
      <Notice>{message}</Notice>
      <p>
        <button
          ref={toggle}
          type="button"
          className="button secondary"
          aria-expanded={open}
          aria-controls={open ? formId : undefined}
          onClick={() => {
            setOutcome(null);
            setOpen(!open);
          }}
        >
          {t('ui.sync.edit.open')}
        </button>
      </p>
      {open ? (
        <FieldsForm
          key={detail.version}
          id={formId}
          detail={detail}
          onCancel={() => close(null)}
          onDone={(result) => {
            if (result !== 'unchanged') onSaved();
            close(result);
          }}
        />
      ) : null}
    </div>
  );
}

function FieldsForm(props: {
  id: string;
  detail: CaseDetail;
  onCancel: () => void;
  onDone: (outcome: Exclude<Outcome, null>) => void;
}) {
  const { t } = useTranslation();
  const initial = draftOf(props.detail);
  const [draft, setDraft] = useState<Draft>(initial);
  const [problems, setProblems] = useState<Partial<Record<keyof Draft, string>>>({});
  const errorId = useId();
  const save = useAction(async (fields: Record<string, { value: unknown }>) => {
    const result = await api<FieldsOutcome>(
      'PATCH',
      `/cases/${encodeURIComponent(props.detail.id)}/fields`,
      { version: props.detail.version, fields },
    );
    if (result.conflicts.length > 0) props.onDone('conflict');
    else props.onDone(result.applied.length > 0 ? 'saved' : 'unchanged');
  });
  const changed = FIELDS.filter((f) => draft[f].trim() !== initial[f].trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<keyof Draft, string>> = {};
    for (const f of changed) {
      const problem = draftProblem(t, f, draft[f]);
      if (problem) found[f] = problem;
    }
    if (draft['person.birthDate'] === '' && draft['person.estimatedAge'].trim() === '')
      found['person.estimatedAge'] = t('ui.cases.intake.errors.age');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    if (changed.length === 0) {
      props.onDone('unchanged');
      return;
    }
    void save.run(Object.fromEntries(changed.map((f) => [f, { value: draftValue(f, draft[f]) }])));
  };

  return (
    <form
      id={props.id}
      className="form panel"
      onSubmit={submit}
      aria-label={t('ui.sync.edit.formLabel')}
      noValidate
    >
      <h2>{t('ui.sync.edit.title')}</h2>
      <p className="hint">{t('ui.sync.edit.intro')}</p>
      {FIELDS.map((f) => (
        <div key={f}>
          <FieldValueInput
            field={f}
            label={fieldLabel(t, f)}
            value={draft[f]}
            onChange={(value) => setDraft({ ...draft, [f]: value })}
            errorId={problems[f] ? `${errorId}-${f}` : undefined}
          />
          {problems[f] ? (
            <p id={`${errorId}-${f}`} className="field-error">
              {problems[f]}
            </p>
          ) : null}
        </div>
      ))}
      <p className="hint">{t('ui.cases.intake.ageHint')}</p>
      <ErrorAlert error={save.error} />
      <div className="row-actions">
        <button type="submit" className="button primary" disabled={save.busy}>
          {save.busy ? t('ui.common.saving') : t('ui.sync.edit.save')}
        </button>
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}
