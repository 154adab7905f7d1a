/** The caseload filters, as the form edits them and the API takes them. */
export interface CaseFilters {
  q: string;
  step: string;
  risk: string;
  overdue: boolean;
}

export const NO_CASE_FILTERS: CaseFilters = { q: '', step: '', risk: '', overdue: false };

export function caseQuery(f: CaseFilters): Record<string, string> {
  return {
    q: f.q.trim(),
    step: f.step,
    risk: f.risk,
    overdue: f.overdue ? 'true' : '',
    limit: '25',
  };
}
