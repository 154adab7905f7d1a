import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { csvRows, shownSections } from './dashboardSections.ts';
import type { CountTable, Dashboard } from './dashboardTypes.ts';

const t = ((key: string) => key) as unknown as TFunction;
const empty: CountTable = { rows: [], columns: [], cells: [] };

function dashboard(tables: Partial<Dashboard['tables']>): Dashboard {
  return {
    view: 'national',
    views: ['national'],
    area: null,
    agency: null,
    areaChoices: [],
    agencyChoices: [],
    from: '2026-W01',
    to: '2026-W02',
    aggregateOnly: true,
    minimumCell: 5,
    areaNames: [{ code: 'P1', name: 'Koshi', names: { fr: 'Koshi (fr)' } }],
    areaRates: [],
    ratePer: 100_000,
    populationSource: null,
    populationYear: null,
    tables: {
      weekly: empty,
      topicStep: empty,
      riskStep: empty,
      byArea: empty,
      referrals: empty,
      outcomes: empty,
      ...tables,
    },
  };
}

describe('dashboard sections', () => {
  it('turns the weekly table to read down the weeks, and charts one line per topic', () => {
    const [weekly] = shownSections(
      dashboard({
        weekly: {
          rows: ['all', 'trafficking'],
          columns: ['2026-W01', '2026-W02'],
          cells: [
            [12, null],
            [7, null],
          ],
        },
      }),
      t,
      'en',
      (c) => c,
    );
    expect(weekly?.table.rowLabels).toEqual(['2026-W01', '2026-W02']);
    expect(weekly?.table.columnLabels).toEqual([
      'ui.dashboards.all',
      'ui.cases.topics.trafficking',
    ]);
    expect(weekly?.table.cells).toEqual([
      [12, 7],
      [null, null],
    ]);
    expect(weekly?.chart.series.map((s) => s.values)).toEqual([
      [12, null],
      [7, null],
    ]);
    expect(weekly?.empty).toBe(false);
  });

  it('adds the share within target to referrals, names areas in the language, and says when empty', () => {
    const sections = shownSections(
      dashboard({
        referrals: {
          rows: ['shelter', 'legal'],
          columns: ['withinTarget', 'overTarget', 'pending', 'notAccepted'],
          cells: [
            [6, 2, 0, 0],
            [null, null, 9, 0],
          ],
        },
        byArea: { rows: ['P1'], columns: ['all'], cells: [[0]] },
      }),
      t,
      'fr',
      (c) => `service ${c}`,
    );
    const referrals = sections.find((s) => s.section === 'referrals');
    expect(referrals?.table.rowLabels).toEqual(['service shelter', 'service legal']);
    expect(referrals?.table.cells.map((r) => r.at(-1))).toEqual(['75 %', '—']);
    const byArea = sections.find((s) => s.section === 'byArea');
    expect(byArea?.table.rowLabels).toEqual(['Koshi (fr)']);
    expect(byArea?.empty).toBe(true);
  });

  it('adds a rate column to the areas where the pack has population: withheld with its count, or no figure in words', () => {
    const board = {
      ...dashboard({
        byArea: {
          rows: ['P1', 'P2', 'P3'],
          columns: ['all', 'trafficking'],
          cells: [
            [40, 12],
            [null, null],
            [9, 0],
          ],
        },
      }),
      areaRates: [
        { code: 'P1', population: 4_961_412, rate: 0.81 },
        { code: 'P2', population: 6_114_600, rate: null },
        { code: 'P3', population: null, rate: null },
      ],
      populationSource: 'NSO census 2021',
    };
    const byArea = shownSections(board, t, 'en', (c) => c).find((s) => s.section === 'byArea');
    expect(byArea?.table.columnLabels.at(-1)).toBe('ui.dashboards.ratePer');
    expect(byArea?.table.cells.map((r) => r.at(-1))).toEqual([
      0.81,
      null,
      'ui.dashboards.noPopulation',
    ]);
    // The chart counts cases only.
    expect(byArea?.chart.series).toHaveLength(2);
    expect(
      csvRows(
        byArea?.table ?? { corner: '', rowLabels: [], columnLabels: [], cells: [] },
        'withheld',
      )[2],
    ).toEqual(['P2', 'withheld', 'withheld', 'withheld']);
    // No population anywhere (a pack without the setting): no column.
    const none = shownSections(
      { ...board, areaRates: board.areaRates.map((r) => ({ ...r, population: null, rate: null })) },
      t,
      'en',
      (c) => c,
    ).find((s) => s.section === 'byArea');
    expect(none?.table.columnLabels).toEqual(['ui.dashboards.all', 'ui.cases.topics.trafficking']);
  });

  it('writes withheld cells into the CSV as words, never as numbers', () => {
    expect(
      csvRows(
        { corner: 'Topic', rowLabels: ['a'], columnLabels: ['x', 'y'], cells: [[null, 8]] },
        'withheld',
      ),
    ).toEqual([
      ['Topic', 'x', 'y'],
      ['a', 'withheld', 8],
    ]);
  });
});
