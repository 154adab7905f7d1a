// The device side of the sync protocol (docs/sync.md), with no React and no DOM: the PWA runs it,
// and so do the Node clients of `npm run bench -- sync`. It pushes the outbox, then pulls the
// scope by cursor into the encrypted store. Every mutation carries an id made here, so a batch
// retried after a drop applies once; nothing is ordered by the device clock.

import {
  FILE_CHUNK_BYTES,
  type OfflineRecord,
  type OfflineStore,
  type QueuedFile,
} from './store.ts';
import { SyncHttpError, type SyncTransport } from './syncTransport.ts';
import type { Vault } from './vault.ts';

/** One change made on the device, queued until the server takes it. */
export interface Mutation {
  mutationId: string;
  kind: string;
  caseId?: string;
  payload: unknown;
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
  /** Queued files the server now holds whole. */
  filesSent: number;
  /** Queued files the server refused (kept on the device with the reason). */
  filesRefused: number;
  conflicts: number;
  rejected: number;
  pulled: number;
  purged: number;
  /** Set when the sync could not finish. */
  stopped?: SyncStop;
  /** The server's error code when stopped is 'error'. */
  code?: string;
  estimate?: { records: number; warnAbove: number };
  /** The server refused the stored cursor: the pulled records were dropped and pulled again. */
  restarted?: boolean;
}

/** A report of a sync that has done nothing yet. */
export function emptyReport(): SyncReport {
  return {
    pushed: 0,
    filesSent: 0,
    filesRefused: 0,
    conflicts: 0,
    rejected: 0,
    pulled: 0,
    purged: 0,
  };
}

/** Where the store keeps the client's own state (encrypted like any record). */
export const LOCAL_ENTITY = 'local';
export const REJECTED_ENTITY = 'rejected';
const PUSH_BATCH = 100;
/** An exchange failure the batch can get past by going alone (see `push`). */
function pullOnly(error: SyncHttpError): boolean {
  return (
    error.status !== 0 &&
    error.status !== 401 &&
    error.code !== 'device_revoked' &&
    error.code !== 'device_unknown'
  );
}
/** The entities a pull brings, dropped when the device pulls its scope again from the start. */
export const PULLED_ENTITIES = ['case', 'person', 'note', 'referral'] as const;
/** The LOCAL_ENTITY record that holds the device's scope. */
const SCOPE_ID = 'scope';
/** What a device pulls until its user narrows it. */
export const AGENCY_SCOPE: SyncScope = { scope: 'agency' };
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
  /** Progress of the file being sent: bytes the server holds of it. */
  onFileProgress?: (file: QueuedFile, receivedBytes: number) => void;
}

/**
 * Runs `work` once no other tab of this browser runs work under `name` (Web Locks; where there
 * are none, as in Node, at once). Tabs share the device's store: two syncs at once would send
 * the same outbox and pull the same pages into it, each unaware of the other's rows.
 */
async function oneTabAtATime<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(name, work) : await work();
}

/** Where an upload stands on the server (routes/uploads). */
interface UploadState {
  receivedBytes: number;
  sizeBytes: number;
  attachment: { id: string } | null;
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

  /** What the pull asks for (as this tab last read it from the store). */
  get scope(): SyncScope {
    return this.options.scope ?? AGENCY_SCOPE;
  }

  /**
   * Changes what the device pulls, for every tab: in the sync's turn (after a running sync,
   * this tab's or another's), the scope is saved in the store, the pulled records are dropped
   * and the cursor reset; the next sync of any tab reads the scope and pulls it from the start.
   * The outbox and queued files stay.
   */
  async changeScope(next: SyncScope): Promise<void> {
    const { store, vault } = this.options;
    await oneTabAtATime(this.lockName(), async () => {
      await store.putRecords(vault, [
        { entity: LOCAL_ENTITY, id: SCOPE_ID, version: 0, value: next },
      ]);
      for (const entity of PULLED_ENTITIES) await store.deleteEntity(vault, entity);
      await store.writeCursor('');
      this.options.scope = next;
    });
  }

  /** Reads the scope saved in the store (by changeScope, in any tab); the agency's when none. */
  async readScope(): Promise<SyncScope> {
    const saved = await this.options.store.getRecord(this.options.vault, LOCAL_ENTITY, SCOPE_ID);
    if (saved) this.options.scope = saved.value as SyncScope;
    return this.scope;
  }

  private lockName(): string {
    return `pathfinder-sync:${this.options.store.name}`;
  }

  /** Queues a change; the next sync sends it. */
  async enqueue(mutation: Mutation): Promise<void> {
    await this.options.store.enqueue(this.options.vault, mutation);
  }

  /** Push then pull; concurrent calls share one run, and tabs on the same store take turns. */
  sync(): Promise<SyncReport> {
    this.running ??= oneTabAtATime(this.lockName(), () => this.run()).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<SyncReport> {
    const report = emptyReport();
    try {
      const { store, vault } = this.options;
      // Another tab may have changed the scope since.
      await this.readScope();
      const files = (await store.listFiles(vault)).filter((f) => !f.problem);
      if (files.length === 0) {
        // The last outbox batch and the first pull page travel together (POST /sync): a sync
        // with little to send is one round trip.
        await this.pull(report, await this.push(report, true));
      } else {
        await this.push(report, false);
        // After the outbox: a file's case may have been opened on this device.
        await this.sendFiles(report, files);
        await this.pull(report, null);
      }
    } catch (error) {
      if (!(error instanceof SyncHttpError)) throw error;
      report.stopped = stopFor(error);
      if (report.stopped === 'error') report.code = error.code;
    }
    return report;
  }

  /** Where the pull stands, and what it asks for. */
  private pullQuery(cursor: string) {
    const scope = this.scope;
    return {
      deviceId: this.options.deviceId,
      cursor,
      limit: PULL_LIMIT,
      scope: scope.scope,
      ...(scope.area ? { area: scope.area } : {}),
    };
  }

  /**
   * Sends the outbox in batches. With `withPull`, the last batch (or none, when the outbox is
   * empty) goes with the pull's first request, and the page comes back.
   */
  private async push(report: SyncReport, together: boolean): Promise<PullPage | null> {
    let withPull = together;
    const { store, vault, transport, deviceId } = this.options;
    for (;;) {
      // One more than a batch: is this batch the last one?
      const entries = await store.peekOutbox(vault, PUSH_BATCH + 1);
      const last = entries.length <= PUSH_BATCH;
      if (entries.length === 0 && !withPull) return null;
      const mutations = entries.slice(0, PUSH_BATCH).map((e) => e.mutation as Mutation);
      if (withPull && last) {
        try {
          const { results, ...page } = await transport.request<
            PullPage & { results: PushResult[] }
          >('POST', '/sync', { ...this.pullQuery((await store.readCursor()) ?? ''), mutations });
          await this.settle(report, mutations, results);
          return page;
        } catch (error) {
          // The exchange failed for its pull (a cursor or area refused before anything was
          // applied, or the page failed after the batch was applied): the outbox must not wait
          // on that. The batch goes alone (a mutation applied already answers `duplicate`), and
          // the pull deals with the rest. Offline, a session ended or a device refused: stop.
          if (!(error instanceof SyncHttpError) || !pullOnly(error)) throw error;
          withPull = false;
          if (mutations.length === 0) return null;
        }
      }
      const answer = await transport.request<{ results: PushResult[] }>('POST', '/sync/push', {
        deviceId,
        mutations,
      });
      await this.settle(report, mutations, answer.results);
    }
  }

  /** Files the server's answers to a batch: refused mutations leave the outbox for the user. */
  private async settle(
    report: SyncReport,
    mutations: readonly Mutation[],
    results: readonly PushResult[],
  ): Promise<void> {
    const { store, vault } = this.options;
    const rejected: OfflineRecord[] = [];
    for (const result of results) {
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
    await store.ackOutbox(results.map((r) => r.mutationId));
  }

  /**
   * Sends each queued file in chunks, resuming where the server stands (a drop, a closed tab,
   * a restarted server lose at most the chunk in flight); a file the server refuses stays on the
   * device with the reason, for the user to remove.
   */
  private async sendFiles(report: SyncReport, files: readonly QueuedFile[]): Promise<void> {
    const { store, vault, transport, deviceId } = this.options;
    for (const file of files) {
      const announce = () =>
        transport.request<UploadState>('POST', '/uploads', {
          id: file.id,
          caseId: file.caseId,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          sensitive: file.sensitive,
          deviceId,
        });
      try {
        let state = await announce();
        let announcedAgain = false;
        while (!state.attachment) {
          this.options.onFileProgress?.(file, state.receivedBytes);
          try {
            state = await this.sendFrom(file, state.receivedBytes);
          } catch (error) {
            // The server forgot an upload left unfinished for weeks: announce it again, once.
            if (!(error instanceof SyncHttpError) || error.status !== 404 || announcedAgain)
              throw error;
            announcedAgain = true;
            state = await announce();
          }
        }
        this.options.onFileProgress?.(file, file.sizeBytes);
        await store.removeFile(file.id);
        report.filesSent += 1;
      } catch (error) {
        if (!(error instanceof SyncHttpError) || !refusal(error)) throw error;
        await store.updateFile(vault, {
          ...file,
          problem: { status: error.status, code: error.code, message: error.detail || error.code },
        });
        report.filesRefused += 1;
      }
    }
  }

  /** Sends the chunk holding byte `offset`; a 409 answers where the server stands instead. */
  private async sendFrom(file: QueuedFile, offset: number): Promise<UploadState> {
    const { store, vault, transport } = this.options;
    const index = Math.floor(offset / FILE_CHUNK_BYTES);
    const chunk = await store.readFileChunk(vault, file.id, index);
    const bytes = chunk.subarray(offset - index * FILE_CHUNK_BYTES);
    try {
      return await transport.sendChunk<UploadState>(`/uploads/${file.id}`, offset, bytes);
    } catch (error) {
      if (error instanceof SyncHttpError && error.code === 'upload_offset_mismatch')
        return transport.request<UploadState>('GET', `/uploads/${file.id}`);
      // Damaged on the way: the server starts again from zero, and so do we.
      if (error instanceof SyncHttpError && error.code === 'upload_checksum_mismatch')
        return { receivedBytes: 0, sizeBytes: file.sizeBytes, attachment: null };
      throw error;
    }
  }

  /** Pulls from the stored cursor; `first` is the page the push already brought. */
  private async pull(report: SyncReport, first: PullPage | null): Promise<void> {
    const { store, vault, transport } = this.options;
    const fetchPage = (cursor: string) => {
      const { deviceId, cursor: at, limit, scope, area } = this.pullQuery(cursor);
      const params = new URLSearchParams({ deviceId, cursor: at, limit: String(limit), scope });
      if (area) params.set('area', area);
      return transport.request<PullPage>('GET', `/sync/pull?${params}`);
    };
    const from = (await store.readCursor()) ?? '';
    // From the start (a new device, or a scope just dropped and reset) and nothing pulled held:
    // the store holds none of the records but those this pull writes, so it need not look each
    // one up. (A first page stored before a stop, or another tab's pull, is held: look up.)
    let fresh = from === '' && !(await store.holdsAny(PULLED_ENTITIES));
    const written = new Set<string>();
    let next = first ? Promise.resolve(first) : fetchPage(from);
    for (;;) {
      let page: PullPage;
      try {
        page = await next;
      } catch (error) {
        // A cursor the server cannot read (another database behind it): the device drops what
        // it pulled and pulls its scope again from the start, once. The outbox and queued files
        // are not touched (they went first). A cursor of another scope is reported instead
        // (`sync_scope_changed`): the scope is changed on purpose, by `changeScope`.
        if (fresh || !(error instanceof SyncHttpError) || error.code !== 'invalid_cursor')
          throw error;
        for (const entity of PULLED_ENTITIES) await store.deleteEntity(vault, entity);
        await store.writeCursor('');
        report.restarted = true;
        fresh = !(await store.holdsAny(PULLED_ENTITIES));
        next = fetchPage('');
        continue;
      }
      // The next page is on its way while this one is sealed and stored (a fresh device spends
      // as long storing as the server spends answering). Its cursor is kept only once this
      // page is stored; a failed prefetch surfaces on the next turn, after this page is safe.
      if (page.more) {
        next = fetchPage(page.cursor);
        next.catch(() => undefined);
      }
      if (page.estimate) report.estimate = page.estimate;
      const keys = page.changes.map((c) => `${c.entity}\u0000${c.id}`);
      await store.putRecords(
        vault,
        page.changes.map((c) => ({
          entity: c.entity,
          id: c.id,
          version: c.version,
          value: c.record,
        })),
        { absent: fresh && !keys.some((k) => written.has(k)) },
      );
      if (fresh) for (const k of keys) written.add(k);
      for (const [entity, ids] of groupIds(page.revoked)) {
        await store.deleteRecords(vault, entity, ids);
        report.purged += ids.length;
      }
      report.pulled += page.changes.length;
      await store.writeCursor(page.cursor);
      if (!page.more) return;
    }
  }
}

function groupIds(rows: readonly { entity: string; id: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.entity, [...(out.get(r.entity) ?? []), r.id]);
  return out;
}

/** A refusal of the file itself (type, size, case gone or closed), not of the session or the network. */
function refusal(error: SyncHttpError): boolean {
  return (
    [400, 403, 404, 409, 413, 415, 422].includes(error.status) && error.code !== 'device_revoked'
  );
}

function stopFor(error: SyncHttpError): SyncStop {
  if (error.status === 0) return 'offline';
  if (error.status === 401) return 'signin';
  if (error.code === 'device_revoked') return 'revoked';
  return 'error';
}
