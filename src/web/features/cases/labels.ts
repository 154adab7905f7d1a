export { CASE_STEPS, CASE_TOPICS, RISK_LEVELS } from '../../../core/index.ts';

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;

export const INTERVENTION_TYPES = [
  'school_enrolment',
  'vocational_training',
  'income_support',
  'medical_care',
  'psychosocial_support',
  'legal_aid',
  'shelter',
  'family_tracing',
  'repatriation',
  'other',
] as const;

/** Actions that ask for a reason first. */
export const REASON_ACTIONS = ['request_closure', 'reject_closure', 'reopen'];

/** Actions only a supervisor (case:approve:agency) decides. */
export const APPROVER_ACTIONS = ['approve_closure', 'reject_closure'];

/** "13", or "≈13" when estimated; empty when unknown. */
export function ageText(age: number | null, estimated: boolean): string {
  if (age === null) return '';
  return estimated ? `≈${age}` : String(age);
}

/** Today as YYYY-MM-DD in local time (for date inputs). */
export function todayText(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
