import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { DirectoryDocument } from './directoryDocument.ts';

/**
 * The directory as HSDS tabular files, one CSV per table with the HSDS column
 * names. Pathfinder's extensions are extra columns: `agency_code`
 * (organizations), `taxonomy_term`, `service_areas`, `sexes`, `languages`
 * (services; lists separated by `;`), `area_code` and the address columns
 * (locations), `names` as JSON (taxonomy_terms).
 */

export const CSV_TABLES = [
  'organizations',
  'services',
  'locations',
  'service_at_locations',
  'taxonomy_terms',
] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Kind = 'text' | 'nullable' | 'number' | 'list' | 'json';
const COLUMNS: Record<CsvTable, [string, Kind][]> = {
  organizations: [
    ['id', 'text'],
    ['name', 'text'],
    ['description', 'text'],
    ['email', 'nullable'],
    ['website', 'nullable'],
    ['agency_code', 'nullable'],
  ],
  services: [
    ['id', 'text'],
    ['organization_id', 'text'],
    ['name', 'text'],
    ['description', 'text'],
    ['status', 'text'],
    ['email', 'nullable'],
    ['url', 'nullable'],
    ['eligibility_description', 'nullable'],
    ['minimum_age', 'number'],
    ['maximum_age', 'number'],
    ['taxonomy_term', 'text'],
    ['service_areas', 'list'],
    ['sexes', 'list'],
    ['languages', 'list'],
  ],
  locations: [
    ['id', 'text'],
    ['organization_id', 'text'],
    ['location_type', 'text'],
    ['name', 'text'],
    ['latitude', 'number'],
    ['longitude', 'number'],
    ['area_code', 'nullable'],
    ['address_1', 'nullable'],
    ['city', 'nullable'],
    ['state_province', 'nullable'],
    ['postal_code', 'nullable'],
    ['country', 'nullable'],
  ],
  service_at_locations: [
    ['id', 'text'],
    ['service_id', 'text'],
    ['location_id', 'text'],
    ['description', 'text'],
  ],
  taxonomy_terms: [
    ['id', 'nullable'],
    ['code', 'text'],
    ['name', 'text'],
    ['names', 'json'],
    ['description', 'text'],
    ['taxonomy', 'nullable'],
    ['accept_hours', 'number'],
    ['first_service_hours', 'number'],
    ['targets_source', 'nullable'],
  ],
};
const ADDRESS = ['address_1', 'city', 'state_province', 'postal_code', 'country'] as const;

/** The flat rows of one table of a document, as the CSV has them. */
function rowsOf(doc: DirectoryDocument, table: CsvTable): Record<string, unknown>[] {
  switch (table) {
    case 'services':
      return (doc.services ?? []).map(({ eligibility, ...s }) => ({
        ...s,
        sexes: eligibility?.sexes ?? [],
        languages: eligibility?.languages ?? [],
      }));
    case 'locations':
      return (doc.locations ?? []).map(({ addresses, ...l }) => ({ ...l, ...addresses?.[0] }));
    default:
      return (doc[table] ?? []) as Record<string, unknown>[];
  }
}

function cell(value: unknown, kind: Kind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'list') return (value as string[]).join(';');
  if (kind === 'json') return JSON.stringify(value);
  return String(value);
}

/** One table of the document as CSV text (header row first, RFC 4180 quoting). */
export function directoryCsv(doc: DirectoryDocument, table: CsvTable): string {
  const columns = COLUMNS[table];
  const rows = rowsOf(doc, table).map((row) =>
    columns.map(([name, kind]) => cell(row[name], kind)),
  );
  return stringify([columns.map(([name]) => name), ...rows]);
}

function value(text: string | undefined, kind: Kind): unknown {
  const raw = text ?? '';
  switch (kind) {
    case 'text':
      return raw;
    case 'nullable':
      return raw === '' ? null : raw;
    case 'number':
      return raw.trim() === '' ? null : /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    case 'list':
      return raw
        .split(';')
        .map((v) => v.trim())
        .filter((v) => v !== '');
    case 'json':
      if (raw === '') return undefined;
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
  }
}

/** The records of one CSV table, converted to the document's shape (checked later, like JSON). */
function recordsOf(table: CsvTable, text: string): Record<string, unknown>[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[];
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [name, kind] of COLUMNS[table]) {
      if (!(name in row)) continue;
      const v = value(row[name], kind);
      if (v !== undefined && !(table === 'taxonomy_terms' && name === 'id' && v === null))
        record[name] = v;
    }
    if (table === 'services') {
      const { sexes, languages, ...rest } = record;
      return { ...rest, eligibility: { sexes: sexes ?? [], languages: languages ?? [] } };
    }
    if (table === 'locations') {
      const address = Object.fromEntries(ADDRESS.map((k) => [k, record[k] ?? null]));
      for (const k of ADDRESS) delete record[k];
      const any = Object.values(address).some((v) => v !== null);
      return { ...record, addresses: any ? [address] : [] };
    }
    return record;
  });
}

/**
 * A document from CSV tables (any subset). Unknown columns are ignored; a cell
 * that does not convert stays text so the document check names it.
 */
export function documentFromCsv(tables: Partial<Record<CsvTable, string>>): unknown {
  const doc: Record<string, unknown> = {};
  for (const table of CSV_TABLES) {
    const text = tables[table];
    if (text !== undefined) doc[table] = recordsOf(table, text);
  }
  return doc;
}
