/** The dashboards' views, in the order the page offers them. */
export const VIEWS = ['national', 'area', 'agency'] as const;
export type View = (typeof VIEWS)[number];

/** Periods the page offers, in weeks. */
export const WEEK_CHOICES = [13, 26, 52, 104] as const;

/** One table of counts: null where a small count was withheld (aggregate-only readers). */
export interface CountTable {
  rows: string[];
  columns: string[];
  cells: (number | null)[][];
}

export interface NamedArea {
  code: string;
  name: string;
  names: Record<string, string>;
}

export const SECTIONS = [
  'weekly',
  'topicStep',
  'riskStep',
  'byArea',
  'referrals',
  'outcomes',
] as const;
export type Section = (typeof SECTIONS)[number];

/** GET /dashboards. */
export interface Dashboard {
  view: View;
  views: View[];
  area: NamedArea | null;
  agency: { id: string; name: string } | null;
  areaChoices: (NamedArea & { level: number })[];
  agencyChoices: { id: string; name: string }[];
  from: string;
  to: string;
  aggregateOnly: boolean;
  minimumCell: number;
  areaNames: NamedArea[];
  /** Per row of `byArea`: the area's own population figure and its cases (all topics) per `ratePer` people. */
  areaRates: { code: string; population: number | null; rate: number | null }[];
  ratePer: number;
  populationSource: string | null;
  populationYear: number | null;
  tables: Record<Section, CountTable>;
}

/** An area's name in the interface language, or its default name. */
export function areaName(area: NamedArea, language: string): string {
  return area.names[language] ?? area.name;
}
