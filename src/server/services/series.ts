// Weekly series of newly identified cases (docs/alerts.md "Weekly series"):
// counted from `case_file` by indexed aggregate queries when asked, so a
// series is always what the cases say now (a moved or corrected case moves
// its count too). Every level of the area tree is the sum of what lies in it.
import { type SqlBool, sql } from 'kysely';
import { type AreaNode, areaAncestors, CASE_TOPICS, type CaseTopic } from '../../core/index.ts';
import type { Deps } from '../context.ts';
import type { Dialect } from '../db/database.ts';
import { weekSql, weekStart } from './seriesWeeks.ts';

/** Age at identification, in the SDG 8.7.1 bands (5–11, 12–14, 15–17), adults apart. */
export const AGE_BANDS = ['0-4', '5-11', '12-14', '15-17', '18+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
/** What one series may be broken down by. */
export const SERIES_DIMENSIONS = ['topic', 'sex', 'ageBand', 'sector'] as const;
export type SeriesDimension = (typeof SERIES_DIMENSIONS)[number];

/** The areas as a tree (code → parent), read once per call. */
export async function areaNodes(deps: Deps): Promise<Map<string, AreaNode>> {
  const rows = await deps.db.selectFrom('area').select(['code', 'parent_code']).execute();
  return new Map(rows.map((r) => [r.code, { code: r.code, parentCode: r.parent_code }]));
}

/** The first week with a case, or null when there are none (the start of every series). */
export async function firstCaseAt(deps: Deps): Promise<string | null> {
  const row = await deps.db
    .selectFrom('case_file')
    .select((eb) => eb.fn.min('identified_at').as('first'))
    .executeTakeFirst();
  return row?.first ?? null;
}

/** Counts per area (every level) and topic over weeks `from`..`to`: key `area topic`. */
export type AreaTopicCounts = Map<string, Int32Array>;

/** The pseudo-topic of every case, once each (a case may have two topics). */
export const ALL_TOPICS = 'all';

/** The key of one series in AreaTopicCounts. */
export const seriesKey = (area: string, topic: string) => `${area} ${topic}`;

/**
 * Weekly counts for every area at every level and every topic, weeks `from`
 * to `to` inclusive: one grouped, index-covered pass over the cases of those
 * weeks, rolled up the area tree in memory. A case with two topics counts in
 * both, and once under ALL_TOPICS.
 */
export async function areaTopicCounts(
  deps: Deps,
  from: number,
  to: number,
  tree: ReadonlyMap<string, AreaNode>,
): Promise<AreaTopicCounts> {
  const length = to - from + 1;
  const rows = await deps.db
    .selectFrom('case_file as c')
    .select(['c.area_code', 'c.topics', weekSql(deps.dialect).as('week')])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('c.identified_at', '>=', weekStart(from))
    .where('c.identified_at', '<', weekStart(to + 1))
    .groupBy(['c.area_code', 'c.topics', sql`week`])
    .execute();
  const out: AreaTopicCounts = new Map();
  const chains = new Map<string, string[]>();
  for (const row of rows) {
    const at = Number(row.week) - from;
    if (at < 0 || at >= length) continue;
    let chain = chains.get(row.area_code);
    if (!chain) {
      chain = areaAncestors(row.area_code, tree);
      chains.set(row.area_code, chain);
    }
    const topics = row.topics
      .split(',')
      .filter((t) => (CASE_TOPICS as readonly string[]).includes(t));
    for (const topic of [ALL_TOPICS, ...topics]) {
      for (const area of chain) {
        const key = seriesKey(area, topic);
        let counts = out.get(key);
        if (!counts) {
          counts = new Int32Array(length);
          out.set(key, counts);
        }
        counts[at] = (counts[at] ?? 0) + Number(row.n);
      }
    }
  }
  return out;
}

/** What one area's series is asked for: its weeks, and optional filters and a breakdown. */
export interface SeriesFilter {
  /** The area and every area below it. */
  areaCodes: readonly string[];
  from: number;
  to: number;
  topic?: CaseTopic | undefined;
  sex?: string | undefined;
  ageBand?: AgeBand | undefined;
  /** An ISIC Rev.4 section letter (A–U). */
  sector?: string | undefined;
  by?: SeriesDimension | undefined;
}

/** One line of a series: the counts of one group (or of all, key null), week by week. */
export interface SeriesLine {
  key: string | null;
  counts: number[];
}

/**
 * The weekly counts of an area (with everything below it), filtered and
 * optionally broken down by topic, sex, age band or ISIC section. Sex and age
 * come from the person, the section from the case's latest child-labour screening.
 */
export async function areaSeries(deps: Deps, f: SeriesFilter): Promise<SeriesLine[]> {
  const length = f.to - f.from + 1;
  const needPerson =
    f.sex !== undefined || f.ageBand !== undefined || f.by === 'sex' || f.by === 'ageBand';
  const needSector = f.sector !== undefined || f.by === 'sector';
  const age = ageBandSql();
  const industry = industrySql(deps.dialect);
  let q = deps.db
    .selectFrom('case_file as c')
    // Sex and age need the person; most series do not, and skip the join.
    .$if(needPerson, (qb) => qb.innerJoin('person as p', 'p.id', 'c.person_id'))
    .select([weekSql(deps.dialect).as('week'), 'c.topics'])
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('c.area_code', 'in', [...f.areaCodes])
    .where('c.identified_at', '>=', weekStart(f.from))
    .where('c.identified_at', '<', weekStart(f.to + 1));
  if (f.topic !== undefined)
    q = q.where(sql<SqlBool>`(',' || c.topics || ',') like ${`%,${f.topic},%`}`);
  if (f.sex !== undefined) q = q.where(sql<SqlBool>`p.sex = ${f.sex}`);
  if (f.ageBand !== undefined) q = q.where(sql<SqlBool>`${age} = ${f.ageBand}`);
  const group =
    f.by === 'sex'
      ? sql<string>`p.sex`
      : f.by === 'ageBand'
        ? age
        : needSector
          ? industry
          : sql<string>`''`;
  const rows = await q.select(group.as('g')).groupBy([sql`week`, 'c.topics', sql`g`]).execute();
  const lines = new Map<string | null, number[]>();
  const add = (key: string | null, at: number, n: number) => {
    let counts = lines.get(key);
    if (!counts) {
      counts = new Array<number>(length).fill(0);
      lines.set(key, counts);
    }
    counts[at] = (counts[at] ?? 0) + n;
  };
  for (const row of rows) {
    const at = Number(row.week) - f.from;
    if (at < 0 || at >= length) continue;
    const n = Number(row.n);
    const section = needSector ? isicSection(row.g) : null;
    if (f.sector !== undefined && section !== f.sector) continue;
    if (f.by === 'topic') {
      for (const topic of row.topics.split(','))
        if (f.topic === undefined || topic === f.topic) add(topic, at, n);
    } else if (f.by === 'sector') add(section ?? 'unknown', at, n);
    else if (f.by === 'sex' || f.by === 'ageBand') add(row.g ?? 'unknown', at, n);
    else add(null, at, n);
  }
  if (lines.size === 0)
    lines.set(f.by === undefined ? null : 'unknown', new Array<number>(length).fill(0));
  return [...lines]
    .map(([key, counts]) => ({ key, counts }))
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));
}

/** The age band at identification: from the birth date, or the estimated age moved on to that day. */
function ageBandSql() {
  const year = (column: string) => sql`cast(substr(${sql.ref(column)}, 1, 4) as integer)`;
  const age = sql<number>`(case
    when p.birth_date is not null then ${year('c.identified_at')} - ${year('p.birth_date')}
      - (case when substr(c.identified_at, 6, 5) < substr(p.birth_date, 6, 5) then 1 else 0 end)
    when p.estimated_age is not null then p.estimated_age + ${year('c.identified_at')} - ${year('p.age_recorded_on')}
  end)`;
  return sql<string>`(case
    when ${age} is null then 'unknown'
    when ${age} < 5 then '0-4'
    when ${age} < 12 then '5-11'
    when ${age} < 15 then '12-14'
    when ${age} < 18 then '15-17'
    else '18+' end)`;
}

/** The industry (ISIC code) of the case's latest child-labour screening, if any. */
function industrySql(dialect: Dialect) {
  const field =
    dialect === 'postgres'
      ? sql`(s.inputs::jsonb ->> 'industry')`
      : sql`json_extract(s.inputs, '$.industry')`;
  return sql<string | null>`(select ${field} from screening s
    where s.case_id = c.id and s.kind = 'child_labour' order by s.created_at desc limit 1)`;
}

/** ISIC Rev.4 sections by their first division (two-digit code). */
const SECTIONS: readonly [number, string][] = [
  [1, 'A'],
  [5, 'B'],
  [10, 'C'],
  [35, 'D'],
  [36, 'E'],
  [41, 'F'],
  [45, 'G'],
  [49, 'H'],
  [55, 'I'],
  [58, 'J'],
  [64, 'K'],
  [68, 'L'],
  [69, 'M'],
  [77, 'N'],
  [84, 'O'],
  [85, 'P'],
  [86, 'Q'],
  [90, 'R'],
  [94, 'S'],
  [97, 'T'],
  [99, 'U'],
];

/** The ISIC Rev.4 section of a code: a section letter itself, or the section of its division. */
export function isicSection(code: string | null | undefined): string | null {
  const c = (code ?? '').trim().toUpperCase();
  if (/^[A-U]$/.test(c)) return c;
  if (!/^\d{2,4}$/.test(c)) return null;
  const division = Number(c.slice(0, 2));
  let section: string | null = null;
  for (const [first, letter] of SECTIONS) if (division >= first) section = letter;
  return section;
}
