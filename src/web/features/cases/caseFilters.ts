/** Whose cases the caseload shows: assigned to me, to nobody, or all of the agency's. */
export const CASE_SCOPES = ['mine', 'none', 'all'] as const;
export type CaseScope = (typeof CASE_SCOPES)[number];

/** The caseload filters, as the form edits them, the URL keeps them and the API takes them. */
export interface CaseFilters {
  scope: CaseScope;
  q: string;
  step: string;
  risk: string;
  area: string;
  overdue: boolean;
}

/** No filter at all, in the given scope. */
export function noCaseFilters(scope: CaseScope): CaseFilters {
  return { scope, q: '', step: '', risk: '', area: '', overdue: false };
}

/** The filters in the page's query string; without a (known) scope, `defaultScope`. */
export function caseFiltersFromSearch(
  search: URLSearchParams,
  defaultScope: CaseScope,
): CaseFilters {
  const scope = search.get('scope');
  return {
    scope: CASE_SCOPES.find((s) => s === scope) ?? defaultScope,
    q: search.get('q') ?? '',
    step: search.get('step') ?? '',
    risk: search.get('risk') ?? '',
    area: search.get('area') ?? '',
    overdue: search.get('overdue') === 'true',
  };
}

/** The page's query string for the filters (give it to `query`); the default scope is left out. */
export function caseFiltersSearch(f: CaseFilters, defaultScope: CaseScope): Record<string, string> {
  return {
    scope: f.scope === defaultScope ? '' : f.scope,
    q: f.q.trim(),
    step: f.step,
    risk: f.risk,
    area: f.area,
    overdue: f.overdue ? 'true' : '',
  };
}

/** The caseload API's query for the filters. */
export function caseQuery(f: CaseFilters): Record<string, string> {
  return {
    assigned: f.scope === 'mine' ? 'me' : f.scope === 'none' ? 'none' : '',
    q: f.q.trim(),
    step: f.step,
    risk: f.risk,
    area: f.area,
    overdue: f.overdue ? 'true' : '',
    limit: '25',
  };
}
