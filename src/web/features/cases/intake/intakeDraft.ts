import type { FormAnswers } from '../../../../core/index.ts';
import type { DraftAnswers } from '../forms/countryFormTypes.ts';
import { plainDraftAnswers } from '../forms/formAnswers.ts';

/** What the intake form edits; kept in localStorage as the user types, until the case is opened. */
export interface IntakeDraft {
  personId: string | null;
  personLabel: string;
  givenName: string;
  familyName: string;
  sex: string;
  birthDate: string;
  estimatedAge: string;
  areaCode: string;
  topics: string[];
  riskLevel: string;
  /** Answers to the country pack's intake questions, as typed. */
  answers: DraftAnswers;
}

export const EMPTY_INTAKE: IntakeDraft = {
  personId: null,
  personLabel: '',
  givenName: '',
  familyName: '',
  sex: '',
  birthDate: '',
  estimatedAge: '',
  areaCode: '',
  topics: [],
  riskLevel: '',
  answers: {},
};

const key = (userId: string) => `pf.intakeDraft.${userId}`;

/** The saved draft of this user, or null. */
export function loadDraft(userId: string): IntakeDraft | null {
  try {
    const text = localStorage.getItem(key(userId));
    if (!text) return null;
    const value = JSON.parse(text) as Partial<IntakeDraft>;
    return { ...EMPTY_INTAKE, ...value, answers: plainDraftAnswers(value.answers) };
  } catch {
    return null;
  }
}

export function saveDraft(userId: string, draft: IntakeDraft): void {
  try {
    if (JSON.stringify(draft) === JSON.stringify(EMPTY_INTAKE))
      localStorage.removeItem(key(userId));
    else localStorage.setItem(key(userId), JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the form still works, without the safety net.
  }
}

export function clearDraft(userId: string): void {
  try {
    localStorage.removeItem(key(userId));
  } catch {
    // Nothing to clear.
  }
}

/** Field → catalogue key of what is wrong, checked before sending. */
export function checkDraft(d: IntakeDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.personId) {
    if (!d.givenName.trim()) errors.givenName = 'ui.cases.intake.errors.givenName';
    if (!d.sex) errors.sex = 'ui.cases.intake.errors.sex';
    const age = d.estimatedAge.trim();
    if (!d.birthDate && !age) errors.age = 'ui.cases.intake.errors.age';
    else if (!d.birthDate && !/^\d{1,3}$/.test(age))
      errors.age = 'ui.cases.intake.errors.ageNumber';
    else if (!d.birthDate && Number(age) > 120) errors.age = 'ui.cases.intake.errors.ageNumber';
  }
  if (!d.areaCode) errors.areaCode = 'ui.cases.intake.errors.area';
  if (d.topics.length === 0) errors.topics = 'ui.cases.intake.errors.topics';
  if (!d.riskLevel) errors.riskLevel = 'ui.cases.intake.errors.risk';
  return errors;
}

/** The POST /cases body; `answers` (the country questions, checked) only when some were given. */
export function intakeBody(d: IntakeDraft, answers?: FormAnswers) {
  const person = d.personId
    ? { personId: d.personId }
    : {
        givenName: d.givenName.trim(),
        ...(d.familyName.trim() ? { familyName: d.familyName.trim() } : {}),
        sex: d.sex,
        ...(d.birthDate
          ? { birthDate: d.birthDate }
          : { estimatedAge: Number(d.estimatedAge.trim()) }),
        areaCode: d.areaCode,
      };
  return {
    person,
    topics: d.topics,
    riskLevel: d.riskLevel,
    areaCode: d.areaCode,
    ...(answers && Object.keys(answers).length > 0 ? { answers } : {}),
  };
}

/** Maps a server problem to a field: its `field`, the last part of a validation path, or the code. */
export function fieldOfProblem(code: string, problem: Record<string, unknown> | null): string[] {
  if (code === 'age_required') return ['age'];
  if (code === 'invalid_birth_date') return ['birthDate'];
  if (code === 'unknown_reference' && typeof problem?.field === 'string') return [problem.field];
  const errors = problem?.errors;
  if (code === 'validation_failed' && Array.isArray(errors)) {
    return errors
      .map((e: { path?: string }) => (e.path ?? '').split('/').filter(Boolean))
      .map((parts) =>
        parts.includes('person') && parts.at(-1) === 'areaCode' ? 'areaCode' : (parts.at(-1) ?? ''),
      )
      .filter(Boolean);
  }
  return [];
}
