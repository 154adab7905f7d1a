import type { Service } from './directoryTypes.ts';

/** A service as its form edits it: every field as typed. */
export interface ServiceDraft {
  organizationId: string;
  name: string;
  type: string;
  status: string;
  description: string;
  eligibilityDescription: string;
  minimumAge: string;
  maximumAge: string;
  sexes: string[];
  languages: string;
  email: string;
  url: string;
  areaCodes: string[];
  locationIds: string[];
}

/** The form's starting values: the service's, or empty for a new one. */
export function serviceDraft(service: Service | null): ServiceDraft {
  return {
    organizationId: service?.organization.id ?? '',
    name: service?.name ?? '',
    type: service?.type ?? '',
    status: service?.status ?? 'active',
    description: service?.description ?? '',
    eligibilityDescription: service?.eligibilityDescription ?? '',
    minimumAge: service?.minimumAge?.toString() ?? '',
    maximumAge: service?.maximumAge?.toString() ?? '',
    sexes: service?.sexes ?? [],
    languages: service?.languages.join(', ') ?? '',
    email: service?.email ?? '',
    url: service?.url ?? '',
    areaCodes: service?.areaCodes ?? [],
    locationIds: service?.locations.map((l) => l.id) ?? [],
  };
}

/** What is wrong with the draft before it is sent, as catalogue keys under ui.directory.form.problems. */
export function draftProblems(d: ServiceDraft): string[] {
  const problems: string[] = [];
  if (!d.organizationId || !d.name.trim() || !d.type) problems.push('required');
  const min = age(d.minimumAge);
  const max = age(d.maximumAge);
  if (min === undefined || max === undefined) problems.push('age');
  else if (min !== null && max !== null && min > max) problems.push('ageRange');
  if (d.areaCodes.length === 0) problems.push('areas');
  if (splitLanguages(d.languages).some((l) => !/^[a-z]{2,3}$/.test(l))) problems.push('languages');
  return problems;
}

/** A typed age: null when empty, undefined when not a whole number of years. */
function age(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{1,3}$/.test(t) && Number(t) <= 130 ? Number(t) : undefined;
}

/** Language codes typed as "ne, hi en": each once, lower-case. */
export function splitLanguages(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** The API body for the draft (call only when draftProblems is empty). */
export function serviceBody(d: ServiceDraft) {
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    organizationId: d.organizationId,
    name: d.name.trim(),
    type: d.type,
    status: d.status,
    description: d.description.trim(),
    eligibilityDescription: text(d.eligibilityDescription),
    minimumAge: age(d.minimumAge) ?? null,
    maximumAge: age(d.maximumAge) ?? null,
    sexes: d.sexes,
    languages: splitLanguages(d.languages),
    email: text(d.email),
    url: text(d.url),
    areaCodes: d.areaCodes,
    locationIds: d.locationIds,
  };
}
