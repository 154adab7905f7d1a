// Test helpers: the FEBRL fixtures (tests/fixtures/linkage) as person records with entity keys.
// Imported as text through Vite's `?raw`, so core tests need no file-system access.
import dataset1 from '../../../tests/fixtures/linkage/febrl_dataset1.csv?raw';
import dataset4a from '../../../tests/fixtures/linkage/febrl_dataset4a_slice.csv?raw';
import dataset4b from '../../../tests/fixtures/linkage/febrl_dataset4b_slice.csv?raw';
import type { PersonRecord } from './prepareRecord.ts';

const FILES: Record<string, string> = {
  'febrl_dataset1.csv': dataset1,
  'febrl_dataset4a_slice.csv': dataset4a,
  'febrl_dataset4b_slice.csv': dataset4b,
};

/** Reads a FEBRL CSV (space after commas) into person records; `key` is the true entity. */
export function readFebrl(file: string): { records: PersonRecord[]; keys: string[] } {
  const [, ...lines] = (FILES[file] ?? '').trim().split('\n');
  const rows = lines.map((l) => l.split(',').map((x) => x.trim()));
  return {
    records: rows.map(([id = '', given, family, number, a1, a2, suburb, postcode, , dob]) => ({
      id,
      givenName: given,
      familyName: family,
      birthDate: dob ? `${dob.slice(0, 4)}-${dob.slice(4, 6)}-${dob.slice(6, 8)}` : '',
      address: [number, a1, a2].filter(Boolean).join(' '),
      area: suburb,
      postcode,
    })),
    keys: rows.map(([id = '']) => /rec-(\d+)/.exec(id)?.[1] ?? ''),
  };
}
