/** The directory search, as the form edits it, the URL keeps it and the API takes it. */
export interface ServiceFilters {
  q: string;
  type: string;
  area: string;
  age: string;
  sex: string;
  language: string;
  status: string;
}

export const NO_SERVICE_FILTERS: ServiceFilters = {
  q: '',
  type: '',
  area: '',
  age: '',
  sex: '',
  language: '',
  status: '',
};

/** The filters in the page's query string (unknown keys ignored). */
export function serviceFiltersFromSearch(search: URLSearchParams): ServiceFilters {
  const get = (key: keyof ServiceFilters) => search.get(key) ?? '';
  return {
    q: get('q'),
    type: get('type'),
    area: get('area'),
    age: get('age'),
    sex: get('sex'),
    language: get('language'),
    status: get('status'),
  };
}

/**
 * The filters as a query string map (for the page URL and the API alike):
 * trimmed, an age only when it is a whole number, a language code lower-cased.
 */
export function serviceFiltersQuery(f: ServiceFilters): Record<string, string> {
  const age = f.age.trim();
  return {
    q: f.q.trim(),
    type: f.type,
    area: f.area,
    age: /^\d{1,3}$/.test(age) ? String(Number(age)) : '',
    sex: f.sex,
    language: f.language.trim().toLowerCase(),
    status: f.status,
  };
}

/** True when the age typed is empty or a whole number of years the search can use. */
export function ageIsValid(age: string): boolean {
  return age.trim() === '' || /^\d{1,3}$/.test(age.trim());
}
