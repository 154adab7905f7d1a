// Resumable uploads (docs/sync.md, "Attachments"): a device that took a photo or a scan offline
// announces the file with an id it made, then sends it in chunks. A chunk is accepted only at the
// offset the server has reached, so a chunk resent after a dropped answer is recognised and a
// lost one is asked for again; the client asks where to resume with GET. When the last byte is
// in and the SHA-256 the device announced matches, the parts become one attachment (its id is the
// upload's, so completing twice stores it once) and the parts are deleted in the same transaction.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import {
  type AttachmentView,
  addAttachment,
  allowedKind,
  checkAttachmentRoom,
  storedFileName,
} from './attachments.ts';
import { writableCase } from './cases.ts';
import { audit } from './trail.ts';

/** The largest chunk the server takes; the client sends chunks of CHUNK_BYTES. */
export const MAX_CHUNK_BYTES = 1024 * 1024;
/** What the client is told to send per chunk: small enough for a weak 2G connection. */
export const CHUNK_BYTES = 256 * 1024;
/** An upload not finished within this many days is deleted by housekeeping. */
export const UPLOAD_KEEP_DAYS = 14;

export interface UploadStart {
  id: string;
  caseId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  sensitive: boolean;
  deviceId?: string | undefined;
}

export interface UploadState {
  id: string;
  caseId: string;
  sizeBytes: number;
  receivedBytes: number;
  chunkBytes: number;
  /** Set once the file is whole and stored. */
  attachment: { id: string } | null;
}

type UploadRow = {
  id: string;
  case_id: string;
  user_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  sensitive: number;
  received_bytes: number;
  attachment_id: string | null;
};

function stateOf(row: UploadRow): UploadState {
  return {
    id: row.id,
    caseId: row.case_id,
    sizeBytes: row.size_bytes,
    receivedBytes: row.received_bytes,
    chunkBytes: CHUNK_BYTES,
    attachment: row.attachment_id ? { id: row.attachment_id } : null,
  };
}

async function readUpload(ctx: Ctx, id: string): Promise<UploadRow | undefined> {
  return ctx.deps.db
    .selectFrom('upload')
    .select([
      'id',
      'case_id',
      'user_id',
      'file_name',
      'media_type',
      'size_bytes',
      'sha256',
      'sensitive',
      'received_bytes',
      'attachment_id',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The caller's own upload (another user's is not found: its existence is not disclosed). */
async function ownUpload(ctx: Ctx, id: string): Promise<UploadRow> {
  const row = await readUpload(ctx, id);
  if (!row || row.user_id !== ctx.actor?.userId) throw notFound('upload');
  return row;
}

/**
 * Announces a file. Idempotent: the same id with the same description answers where the upload
 * stands; the same id describing another file is a conflict.
 */
export async function startUpload(ctx: Ctx, input: UploadStart): Promise<UploadState> {
  const { actor } = await writableCase(ctx, input.caseId);
  const kind = allowedKind(ctx, input.contentType);
  const fileName = storedFileName(input.fileName);
  if (input.sizeBytes <= 0) throw new ProblemError(400, 'attachment_empty');
  if (input.sizeBytes > ctx.deps.config.attachmentMaxBytes)
    throw new ProblemError(413, 'attachment_too_large', {
      max: ctx.deps.config.attachmentMaxBytes,
    });
  const sha256 = input.sha256.toLowerCase();
  const existing = await readUpload(ctx, input.id);
  if (existing) {
    const same =
      existing.user_id === actor.userId &&
      existing.case_id === input.caseId &&
      existing.size_bytes === input.sizeBytes &&
      existing.sha256 === sha256;
    if (!same) throw new ProblemError(409, 'upload_conflict');
    return stateOf(existing);
  }
  await checkAttachmentRoom(ctx, input.caseId);
  const now = ctx.deps.clock.now().toISOString();
  const row: UploadRow = {
    id: input.id,
    case_id: input.caseId,
    user_id: actor.userId,
    file_name: fileName,
    media_type: kind.type,
    size_bytes: input.sizeBytes,
    sha256,
    sensitive: input.sensitive ? 1 : 0,
    received_bytes: 0,
    attachment_id: null,
  };
  await ctx.deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('upload')
      .values({ ...row, device_id: input.deviceId ?? null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0)
      await audit(ctx, trx, {
        action: 'case.upload.start',
        entity: 'case',
        entityIds: [input.caseId, input.id],
        details: { mediaType: kind.type, sizeBytes: input.sizeBytes, sensitive: input.sensitive },
      });
  });
  // Two starts racing with the same id: the row that won is the answer.
  const stored = await readUpload(ctx, input.id);
  if (!stored || stored.user_id !== actor.userId || stored.sha256 !== sha256)
    throw new ProblemError(409, 'upload_conflict');
  return stateOf(stored);
}

/** Where an upload stands (the client resumes from `receivedBytes`). */
export async function uploadState(ctx: Ctx, id: string): Promise<UploadState> {
  return stateOf(await ownUpload(ctx, id));
}

/**
 * Takes the chunk that starts at `offset`. A chunk at an offset already passed (a retry whose
 * answer was lost) is acknowledged without being stored twice; a chunk beyond the offset reached
 * is refused with where to resume.
 */
export async function appendChunk(
  ctx: Ctx,
  id: string,
  offset: number,
  chunk: Buffer,
): Promise<UploadState> {
  const row = await ownUpload(ctx, id);
  if (row.attachment_id) return stateOf(row);
  if (chunk.length === 0)
    throw new ProblemError(400, 'validation_failed', { detail: 'empty chunk' });
  if (chunk.length > MAX_CHUNK_BYTES) throw new ProblemError(413, 'payload_too_large');
  if (offset + chunk.length > row.size_bytes)
    throw new ProblemError(400, 'upload_beyond_size', { size: row.size_bytes });
  if (offset < row.received_bytes && offset + chunk.length <= row.received_bytes)
    return stateOf(row);
  // The first bytes tell the file's type: a file that is not what it claims stops here.
  if (offset === 0) {
    const kind = allowedKind(ctx, row.media_type);
    if (!kind.matches(chunk.subarray(0, 4096)))
      throw new ProblemError(415, 'attachment_content_mismatch', { type: kind.type });
  }
  if (offset !== row.received_bytes)
    throw new ProblemError(
      409,
      'upload_offset_mismatch',
      { received: row.received_bytes },
      { receivedBytes: row.received_bytes },
    );
  const now = ctx.deps.clock.now().toISOString();
  const moved = await ctx.deps.db.transaction().execute(async (trx) => {
    // Only the writer that finds the offset unchanged moves it: two copies of one chunk sent at
    // once store it once.
    const updated = await trx
      .updateTable('upload')
      .set({ received_bytes: offset + chunk.length, updated_at: now })
      .where('id', '=', id)
      .where('received_bytes', '=', offset)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('upload_part')
      .values({ upload_id: id, offset_bytes: offset, content: chunk })
      .execute();
    return true;
  });
  const after = await ownUpload(ctx, id);
  if (!moved && after.received_bytes < offset + chunk.length)
    throw new ProblemError(
      409,
      'upload_offset_mismatch',
      { received: after.received_bytes },
      { receivedBytes: after.received_bytes },
    );
  if (after.received_bytes === after.size_bytes && !after.attachment_id)
    return complete(ctx, after);
  return stateOf(after);
}

/** Joins the parts, checks the announced SHA-256, and stores the attachment. */
async function complete(ctx: Ctx, row: UploadRow): Promise<UploadState> {
  const parts = await ctx.deps.db
    .selectFrom('upload_part')
    .select(['offset_bytes', 'content'])
    .where('upload_id', '=', row.id)
    .orderBy('offset_bytes')
    .execute();
  const content = Buffer.concat(parts.map((p) => Buffer.from(p.content)));
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (content.length !== row.size_bytes || sha256 !== row.sha256) {
    // Something arrived damaged: start again from zero rather than store a wrong file.
    await ctx.deps.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('upload_part').where('upload_id', '=', row.id).execute();
      await trx
        .updateTable('upload')
        .set({ received_bytes: 0, updated_at: ctx.deps.clock.now().toISOString() })
        .where('id', '=', row.id)
        .execute();
    });
    throw new ProblemError(422, 'upload_checksum_mismatch');
  }
  const existing = await ctx.deps.db
    .selectFrom('attachment')
    .select('id')
    .where('id', '=', row.id)
    .executeTakeFirst();
  if (!existing) {
    await storeOnce(ctx, row.id, () =>
      addAttachment(
        ctx,
        row.case_id,
        {
          fileName: row.file_name,
          contentType: row.media_type,
          sensitive: row.sensitive === 1,
          content,
        },
        {
          id: row.id,
          also: async (trx) => {
            await trx
              .updateTable('upload')
              .set({ attachment_id: row.id, updated_at: ctx.deps.clock.now().toISOString() })
              .where('id', '=', row.id)
              .execute();
            await trx.deleteFrom('upload_part').where('upload_id', '=', row.id).execute();
          },
        },
      ),
    );
  } else {
    // Stored by an earlier try whose answer was lost.
    await ctx.deps.db
      .updateTable('upload')
      .set({ attachment_id: row.id })
      .where('id', '=', row.id)
      .execute();
  }
  return stateOf({ ...row, attachment_id: row.id, received_bytes: row.size_bytes });
}

/** Runs `store`; when a parallel completion stored the attachment first, that one stands. */
async function storeOnce(ctx: Ctx, id: string, store: () => Promise<unknown>): Promise<void> {
  try {
    await store();
  } catch (error) {
    const stored = await ctx.deps.db
      .selectFrom('upload')
      .select('attachment_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!stored?.attachment_id) throw error;
  }
}

/** Abandons an unfinished upload (the device discarded the file). */
export async function cancelUpload(ctx: Ctx, id: string): Promise<void> {
  const row = await ownUpload(ctx, id);
  if (row.attachment_id) throw new ProblemError(409, 'upload_complete');
  await ctx.deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('upload_part').where('upload_id', '=', id).execute();
    await trx.deleteFrom('upload').where('id', '=', id).execute();
    await audit(ctx, trx, {
      action: 'case.upload.cancel',
      entity: 'case',
      entityIds: [row.case_id, id],
    });
  });
}

/**
 * Deletes uploads untouched for UPLOAD_KEEP_DAYS (housekeeping): unfinished ones with their
 * parts, and the bookkeeping rows of finished ones (the attachment stays).
 */
export async function purgeStaleUploads(db: Kysely<Database>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - UPLOAD_KEEP_DAYS * 86_400_000);
  const stale = await db
    .selectFrom('upload')
    .select('id')
    .where('updated_at', '<', before.toISOString())
    .execute();
  if (stale.length === 0) return 0;
  const ids = stale.map((s) => s.id);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('upload_part').where('upload_id', 'in', ids).execute();
    await trx.deleteFrom('upload').where('id', 'in', ids).execute();
  });
  return ids.length;
}

export type { AttachmentView };
