// The device side of the sync protocol (docs/sync.md), with no React and no DOM: the PWA runs it,
// and so do the Node clients of `npm run bench -- sync`. It pushes the outbox, then pulls the
// scope by cursor into the encrypted store. Every mutation carries an id made here, so a batch
// retried after a drop applies once; nothing is ordered by the device clock.

import type { OfflineRecord, OfflineStore } from './store.ts';
import type { Vault } from './vault.ts';

/** One change made on the device, queued until the server takes it. */
export interface Mutation {
  mutationId: string;
  kind: string;
  caseId?: string;
  payload: unknown;
}

/** How the client reaches the API. Throws a SyncHttpError on any failure. */
export interface SyncTransport {
  request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

/** A failed call: status 0 = the server could not be reached. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
    this.name = 'SyncHttpError';
  }
}

export interface PushResult {
  mutationId: string;
  status: 'applied' | 'duplicate' | 'conflict' | 'rejected';
  result?: unknown;
  conflicts?: unknown[];
  problem?: { status: number; code: string; message: string };
}

interface PullPage {
  changes: { entity: string; id: string; version: number; record: unknown }[];
  revoked: { entity: string; id: string }[];
  cursor: string;
  more: boolean;
  estimate?: { records: number; warnAbove: number };
}

/** A mutation the server refused: kept for the user to see, fix or discard. */
export interface RejectedMutation {
  mutation: Mutation;
  problem: { status: number; code: string; message: string };
  at: number;
}

/** Why a sync stopped. `signin`: the session ended (work waits); `revoked`: wipe now. */
export type SyncStop = 'offline' | 'signin' | 'revoked' | 'error';

export interface SyncReport {
  pushed: number;
  conflicts: number;
  rejected: number;
  pulled: number;
  purged: number;
  /** Set when the sync could not finish. */
  stopped?: SyncStop;
  /** The server's error code when stopped is 'error'. */
  code?: string;
  estimate?: { records: number; warnAbove: number };
}

/** Where the store keeps the client's own state (encrypted like any record). */
export const LOCAL_ENTITY = 'local';
export const REJECTED_ENTITY = 'rejected';
const PUSH_BATCH = 100;
const PULL_LIMIT = 500;

/** What to pull: the agency's records or only mine, optionally below one area. */
export interface SyncScope {
  scope: 'agency' | 'mine';
  area?: string | undefined;
}

export interface SyncClientOptions {
  transport: SyncTransport;
  store: OfflineStore;
  vault: Vault;
  deviceId: string;
  scope?: SyncScope;
}

/** Registers this device (idempotent: the same id answers the same device). */
export async function registerDevice(
  transport: SyncTransport,
  device: { id: string; label: string; userAgent?: string },
): Promise<void> {
  await transport.request('POST', '/devices', device);
}

export class SyncClient {
  private running: Promise<SyncReport> | null = null;

  constructor(private readonly options: SyncClientOptions) {}

  /** Queues a change; the next sync sends it. */
  async enqueue(mutation: Mutation): Promise<void> {
    await this.options.store.enqueue(this.options.vault, mutation);
  }

  /** Push then pull; concurrent calls share one run. */
  sync(): Promise<SyncReport> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<SyncReport> {
    const report: SyncReport = { pushed: 0, conflicts: 0, rejected: 0, pulled: 0, purged: 0 };
    try {
      await this.push(report);
      await this.pull(report);
    } catch (error) {
      if (!(error instanceof SyncHttpError)) throw error;
      report.stopped = stopFor(error);
      if (report.stopped === 'error') report.code = error.code;
    }
    return report;
  }

  private async push(report: SyncReport): Promise<void> {
    const { store, vault, transport, deviceId } = this.options;
    for (;;) {
      const entries = await store.peekOutbox(vault, PUSH_BATCH);
      if (entries.length === 0) return;
      const mutations = entries.map((e) => e.mutation as Mutation);
      const answer = await transport.request<{ results: PushResult[] }>('POST', '/sync/push', {
        deviceId,
        mutations,
      });
      const rejected: OfflineRecord[] = [];
      for (const result of answer.results) {
        if (result.status === 'conflict') report.conflicts += 1;
        if (result.status === 'rejected' && result.problem) {
          const mutation = mutations.find((m) => m.mutationId === result.mutationId);
          if (!mutation) continue;
          const kept: RejectedMutation = { mutation, problem: result.problem, at: Date.now() };
          rejected.push({
            entity: REJECTED_ENTITY,
            id: mutation.mutationId,
            version: 0,
            value: kept,
          });
        } else report.pushed += 1;
      }
      // The refused ones move out of the outbox (so they cannot block the rest) into a list the
      // user sees; the conflicts are the server's now (both values kept, for review).
      if (rejected.length) await store.putRecords(vault, rejected);
      report.rejected += rejected.length;
      await store.ackOutbox(answer.results.map((r) => r.mutationId));
    }
  }

  private async pull(report: SyncReport): Promise<void> {
    const { store, vault, transport, deviceId } = this.options;
    let cursor = (await store.readCursor()) ?? '';
    for (;;) {
      const scope = this.options.scope ?? { scope: 'agency' };
      const params = new URLSearchParams({ deviceId, cursor, limit: String(PULL_LIMIT) });
      params.set('scope', scope.scope);
      if (scope.area) params.set('area', scope.area);
      const page = await transport.request<PullPage>('GET', `/sync/pull?${params}`);
      if (page.estimate) report.estimate = page.estimate;
      await store.putRecords(
        vault,
        page.changes.map((c) => ({
          entity: c.entity,
          id: c.id,
          version: c.version,
          value: c.record,
        })),
      );
      for (const [entity, ids] of groupIds(page.revoked)) {
        await store.deleteRecords(entity, ids);
        report.purged += ids.length;
      }
      report.pulled += page.changes.length;
      cursor = page.cursor;
      await store.writeCursor(cursor);
      if (!page.more) return;
    }
  }
}

function groupIds(rows: readonly { entity: string; id: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.entity, [...(out.get(r.entity) ?? []), r.id]);
  return out;
}

function stopFor(error: SyncHttpError): SyncStop {
  if (error.status === 0) return 'offline';
  if (error.status === 401) return 'signin';
  if (error.code === 'device_revoked') return 'revoked';
  return 'error';
}

/** A transport over fetch: the browser (same origin, cookie) or Node (base URL, cookie header). */
export function fetchTransport(options: {
  baseUrl?: string;
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
}): SyncTransport {
  const doFetch = options.fetch ?? fetch;
  return {
    async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const headers: Record<string, string> = {
        accept: 'application/json',
        ...(options.headers?.() ?? {}),
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl ?? ''}/api/v1${path}`, {
          method,
          headers,
          credentials: 'same-origin',
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch {
        throw new SyncHttpError(0, 'network_error');
      }
      const payload: unknown = await response.json().catch(() => null);
      if (response.ok) return payload as T;
      const code =
        typeof payload === 'object' && payload !== null && 'code' in payload
          ? String((payload as { code: unknown }).code)
          : `http_${response.status}`;
      throw new SyncHttpError(response.status, code);
    },
  };
}
