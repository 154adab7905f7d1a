// The demo pack's population figures, and a way to run a test with some of them
// taken away (an area the pack gives no figure), restored afterwards.
import { DEMO_PACK_DIR, readPack } from '../../src/server/packs/loadPack.ts';
import type { TestNode } from './testNode.ts';

/** The demo pack's population figures (NPHC 2021), by area code. */
export const PEOPLE = readPack(DEMO_PACK_DIR).manifest.settings?.areaPopulation?.value as Record<
  string,
  number
>;

/** Cases per 100,000 people, to two decimals, as the server gives them. */
export const per100k = (cases: number, people: number) => Math.round((cases * 1e7) / people) / 100;

/** Runs `test` with the loaded pack's population figures for `codes` removed, then puts them back. */
export async function withoutPopulation(
  node: TestNode,
  codes: readonly string[],
  test: () => Promise<void>,
): Promise<void> {
  const row = await node.deps.db
    .selectFrom('pack')
    .select(['id', 'settings'])
    .orderBy('loaded_at', 'desc')
    .executeTakeFirstOrThrow();
  const settings = JSON.parse(row.settings) as {
    areaPopulation: { value: Record<string, number> };
  };
  const value = Object.fromEntries(
    Object.entries(settings.areaPopulation.value).filter(([code]) => !codes.includes(code)),
  );
  const save = (text: string) =>
    node.deps.db.updateTable('pack').set({ settings: text }).where('id', '=', row.id).execute();
  await save(
    JSON.stringify({ ...settings, areaPopulation: { ...settings.areaPopulation, value } }),
  );
  try {
    await test();
  } finally {
    await save(row.settings);
  }
}
