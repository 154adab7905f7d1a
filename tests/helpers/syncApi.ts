// Requests of the offline sync API as a device sends them, for the sync suites (sync.test.ts,
// syncPull.test.ts): mutations, a pull of every page, a device's registration.
import { expect, vi } from 'vitest';
import type { Client, TestNode } from './testNode.ts';

export interface Result {
  mutationId: string;
  status: string;
  result?: { id?: string; person?: { id: string }; version?: number };
  conflicts?: { id: string; field: string; serverValue: unknown; deviceValue: unknown }[];
  problem?: { code: string; message: string };
}

export const uuid = () => crypto.randomUUID();

export function openCase(
  caseId: string,
  personId: string,
  givenName = 'Asha',
  areaCode = 'NPL-D-BHAKTAPUR',
) {
  return {
    mutationId: uuid(),
    kind: 'case.open',
    payload: {
      id: caseId,
      person: { id: personId, givenName, sex: 'female', estimatedAge: 12 },
      topics: ['child_labour'],
      riskLevel: 'high',
      areaCode,
    },
  };
}

export const note = (caseId: string, text = 'Seen at the brick kiln.') => ({
  mutationId: uuid(),
  kind: 'case.note',
  caseId,
  payload: { text, sensitive: false },
});

export const fields = (
  caseId: string,
  edits: Record<string, { value: unknown; baseVersion?: number }>,
) => ({
  mutationId: uuid(),
  kind: 'case.fields',
  caseId,
  payload: { version: 1, fields: edits },
});

export const ASSESSMENT = '5e7c0000-0000-4000-8000-000000000004'; // child protection office (NPL-CP-KTM), Bhaktapur, 0–17
export const INVESTIGATION = '5e7c0000-0000-4000-8000-000000000007'; // police (NPL-POL-AHT), all Nepal

export const followUp = (caseId: string) => ({
  mutationId: uuid(),
  kind: 'case.followUp',
  caseId,
  payload: {
    visitedOn: '2024-01-02',
    stillWorking: false,
    inSchool: true,
    safe: true,
    withFamily: null,
  },
});

export const referral = (caseId: string | undefined, payload: Record<string, unknown> = {}) => ({
  mutationId: uuid(),
  kind: 'referral.create',
  ...(caseId === undefined ? {} : { caseId }),
  payload: {
    serviceId: ASSESSMENT,
    shareLevel: 'summary',
    reason: 'Found working at the kiln; needs an assessment.',
    consentOverride: 'The guardian could not be reached at the kiln; urgent.',
    idempotencyKey: `offline-${uuid()}`,
    ...payload,
  },
});

export interface Pulled {
  /** entity:id → record */
  changes: Map<string, PulledRecord>;
  /** entity:id */
  revoked: string[];
  cursor: string;
  estimate: { records: number; warnAbove: number } | undefined;
}
export interface PulledRecord {
  caseId?: string;
  text?: string;
  sensitive?: boolean;
  authorUsername?: string;
  createdAt?: string;
  person?: { id: string };
  followUps?: unknown[];
  screenings?: unknown[];
  shared?: unknown;
  state?: string;
  version?: number;
  events?: unknown[];
}

/**
 * Pulls every page from `cursor`; `params` narrows the scope (`&scope=mine&area=…`).
 * With `check`, pulls again from the same cursor until it holds: on PostgreSQL a
 * change waits in the feed while an older transaction (any test's, on the same
 * server) is still running — later, never lost.
 */
export async function pullAll(
  client: Client,
  deviceId: string,
  params = '',
  cursor = '',
  check?: (pulled: Pulled) => void,
): Promise<Pulled> {
  if (check)
    return vi.waitFor(
      async () => {
        const pulled = await pullAll(client, deviceId, params, cursor);
        check(pulled);
        return pulled;
      },
      { timeout: 15_000, interval: 50 },
    );
  const out: Pulled = { changes: new Map(), revoked: [], cursor, estimate: undefined };
  for (let pages = 0; ; pages++) {
    const res = await client.get(
      `/api/v1/sync/pull?deviceId=${deviceId}&limit=25&cursor=${encodeURIComponent(out.cursor)}${params}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as {
      changes: { entity: string; id: string; record: PulledRecord }[];
      revoked: { entity: string; id: string }[];
      cursor: string;
      more: boolean;
      estimate?: { records: number; warnAbove: number };
    };
    if (pages === 0) out.estimate = page.estimate;
    else expect(page.estimate).toBeUndefined();
    for (const c of page.changes) out.changes.set(`${c.entity}:${c.id}`, c.record);
    out.revoked.push(...page.revoked.map((r) => `${r.entity}:${r.id}`));
    out.cursor = page.cursor;
    if (!page.more) return out;
  }
}

export async function device(client: Client): Promise<string> {
  const id = uuid();
  const res = await client.post('/api/v1/devices', { id, label: 'Tablet' });
  expect(res.statusCode, res.body).toBe(200);
  return id;
}

export async function push(
  client: Client,
  deviceId: string,
  mutations: unknown[],
): Promise<Result[]> {
  const res = await client.post('/api/v1/sync/push', { deviceId, mutations });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { results: Result[] }).results;
}

export async function count(
  node: TestNode,
  table: 'case_file' | 'case_note',
  column: string,
  id: string,
) {
  const rows = await node.deps.db
    .selectFrom(table)
    .select('id')
    .where(column as 'id', '=', id)
    .execute();
  return rows.length;
}
