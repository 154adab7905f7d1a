import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormAnswers } from '../../../../core/index.ts';
import { ApiError, api } from '../../../api/client.ts';
import { navigate } from '../../../lib/router.tsx';
import { useAction } from '../../../lib/useAction.ts';
import { useOffline } from '../../../offline/OfflineContext.tsx';
import { queueCaseOpen } from '../../../offline/queue.ts';
import { useSession } from '../../../session/SessionContext.tsx';
import { useOnline } from '../../../shell/OfflineBadge.tsx';
import { Notice } from '../../../ui/Notice.tsx';
import { Page } from '../../../ui/Page.tsx';
import type { CaseDetail, PersonMatch } from '../caseTypes.ts';
import {
  checkAnswers,
  focusFirstField,
  localToday,
  serverFieldErrors,
} from '../forms/formAnswers.ts';
import { usePackForms } from '../screening/useScreeningRules.ts';
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

/** Where the focus goes for a problem with one of the common intake fields. */
const FIELD_CONTROLS: Record<string, string> = {
  givenName: '#intake-given',
  sex: '#intake-sex',
  age: '#intake-age',
  birthDate: '#intake-birth',
  areaCode: '#intake-area',
  topics: 'input[name="topics"]',
  riskLevel: 'input[name="risk"]',
};

/** Prefix of the ids of the country questions on this page. */
const COUNTRY_PREFIX = 'intake-q';

/** Intake: search for the person first, then register them (or reuse them) and open a case. */
export function CaseCreatePage() {
  const { t } = useTranslation();
  const { user, status } = useSession();
  const offline = useOffline();
  const online = useOnline();
  const workOffline = (!online || status === 'offline') && offline.phase === 'open';
  const userId = user?.id ?? 'anonymous';
  const [restored, setRestored] = useState(() => loadDraft(userId));
  const [draft, setDraft] = useState<IntakeDraft>(() => {
    const start = restored ?? EMPTY_INTAKE;
    const own = user?.areaCodes ?? [];
    return start.areaCode || own.length !== 1 ? start : { ...start, areaCode: own[0] ?? '' };
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const countryForm = usePackForms()?.intake ?? null;
  const [countryErrors, setCountryErrors] = useState<Record<string, string>>({});
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => saveDraft(userId, draft), [userId, draft]);

  const create = useAction(async (d: IntakeDraft, answers?: FormAnswers) => {
    if (workOffline) {
      // Queued on the device with ids made here; the server keeps them when it syncs.
      const id = await queueCaseOpen(offline, intakeBody(d, answers));
      clearDraft(userId);
      navigate(`/cases/${encodeURIComponent(id)}?created=1`);
      return;
    }
    try {
      const created = await api<CaseDetail>('POST', '/cases', intakeBody(d, answers));
      clearDraft(userId);
      navigate(`/cases/${encodeURIComponent(created.id)}?created=1`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form_invalid') {
        const found = serverFieldErrors(e.problem);
        setCountryErrors(found);
        if (countryForm) focusFirstField(COUNTRY_PREFIX, countryForm, Object.keys(found));
      } else if (e instanceof ApiError) {
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
    const answered = new Set(
      [...Object.keys(next.answers), ...Object.keys(draft.answers)].filter(
        (name) => JSON.stringify(next.answers[name]) !== JSON.stringify(draft.answers[name]),
      ),
    );
    if (answered.size > 0)
      setCountryErrors((old) =>
        Object.fromEntries(Object.entries(old).filter(([f]) => !answered.has(f))),
      );
    setDraft(next);
  };

  const submit = () => {
    const found = checkDraft(draft);
    setErrors(Object.fromEntries(Object.entries(found).map(([f, key]) => [f, t(key)])));
    setSubmitted(true);
    // The country questions are optional as a whole; once one is answered, all rules apply.
    const country = countryForm ? checkAnswers(countryForm, draft.answers, localToday()) : null;
    const countryInvalid = country?.answered === true && country.errors.length > 0;
    if (Object.keys(found).length > 0) {
      create.setError(t('ui.common.fillRequired'));
      const first = Object.keys(FIELD_CONTROLS).find((f) => found[f]);
      if (first) document.querySelector<HTMLElement>(FIELD_CONTROLS[first] ?? '')?.focus();
      return;
    }
    if (countryForm && country && countryInvalid) {
      create.setError(t('ui.countryForms.fixAnswers'));
      focusFirstField(
        COUNTRY_PREFIX,
        countryForm,
        country.errors.map((e) => e.field),
      );
      return;
    }
    void create.run(draft, country?.answered ? country.values : undefined);
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
    setCountryErrors({});
    setSubmitted(false);
  };

  const countryAnswered = countryForm
    ? checkAnswers(countryForm, draft.answers, localToday()).answered
    : false;

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
      {workOffline ? (
        <Notice>{t('ui.sync.offline.intakeQueued')}</Notice>
      ) : (
        <PersonSearch onPick={pick} />
      )}
      <IntakeForm
        draft={draft}
        onChange={edit}
        areaCodes={user?.areaCodes ?? []}
        errors={errors}
        busy={create.busy}
        error={create.error}
        onSubmit={submit}
        countryForm={countryForm}
        countryErrors={countryErrors}
        submitted={submitted && countryAnswered}
      />
    </Page>
  );
}
