import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../api/client.ts';
import { navigate } from '../../../lib/router.tsx';
import { useAction } from '../../../lib/useAction.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import type { CaseDetail, PersonMatch } from '../caseTypes.ts';
import { IntakeForm } from './IntakeForm.tsx';
import {
  checkDraft,
  clearDraft,
  EMPTY_INTAKE,
  fieldOfProblem,
  type IntakeDraft,
  intakeBody,
  loadDraft,
  saveDraft,
} from './intakeDraft.ts';
import { PersonSearch } from './PersonSearch.tsx';

/** Intake: search for the person first, then register them (or reuse them) and open a case. */
export function CaseCreatePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const userId = user?.id ?? 'anonymous';
  const [restored, setRestored] = useState(() => loadDraft(userId));
  const [draft, setDraft] = useState<IntakeDraft>(() => {
    const start = restored ?? EMPTY_INTAKE;
    const own = user?.areaCodes ?? [];
    return start.areaCode || own.length !== 1 ? start : { ...start, areaCode: own[0] ?? '' };
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => saveDraft(userId, draft), [userId, draft]);

  const create = useAction(async (d: IntakeDraft) => {
    try {
      const created = await api<CaseDetail>('POST', '/cases', intakeBody(d));
      clearDraft(userId);
      navigate(`/cases/${encodeURIComponent(created.id)}?created=1`);
    } catch (e) {
      if (e instanceof ApiError) {
        const fields = fieldOfProblem(e.code, e.problem);
        setErrors(Object.fromEntries(fields.map((f) => [f, e.title || t('ui.errors.unexpected')])));
      }
      throw e;
    }
  });

  /** Takes the edit and forgets the error of each field the user just changed. */
  const edit = (next: IntakeDraft) => {
    const changed = (Object.keys(next) as (keyof IntakeDraft)[]).filter(
      (k) => next[k] !== draft[k],
    );
    const fields = new Set<string>(changed);
    if (fields.has('birthDate') || fields.has('estimatedAge')) fields.add('age');
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([f]) => !fields.has(f))));
    setDraft(next);
  };

  const submit = () => {
    const found = checkDraft(draft);
    setErrors(Object.fromEntries(Object.entries(found).map(([f, key]) => [f, t(key)])));
    if (Object.keys(found).length > 0) {
      create.setError(t('ui.common.fillRequired'));
      return;
    }
    void create.run(draft);
  };

  const pick = (p: PersonMatch) => {
    setDraft((d) => ({
      ...d,
      personId: p.id,
      personLabel: `${p.givenName} ${p.familyName}`.trim(),
      areaCode: d.areaCode || p.areaCode || '',
    }));
    setErrors({});
  };

  const discard = () => {
    clearDraft(userId);
    setRestored(null);
    setDraft(EMPTY_INTAKE);
    setErrors({});
  };

  return (
    <Page title={t('ui.cases.intake.title')}>
      {restored ? (
        <div className="row-actions draft-note">
          <Notice>{t('ui.cases.intake.draftRestored')}</Notice>
          <button type="button" className="button link" onClick={discard}>
            {t('ui.cases.intake.discardDraft')}
          </button>
        </div>
      ) : null}
      <PersonSearch onPick={pick} />
      <IntakeForm
        draft={draft}
        onChange={edit}
        areaCodes={user?.areaCodes ?? []}
        errors={errors}
        busy={create.busy}
        error={create.error}
        onSubmit={submit}
      />
    </Page>
  );
}
