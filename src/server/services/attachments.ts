import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Ctx } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { cleanFileName, mediaKind } from '../files/mediaTypes.ts';
import { notFound, ProblemError } from '../http/problem.ts';
import { deny, requireAny } from './access.ts';
import { mayReadSensitive } from './caseRecords.ts';
import { ownCase, writableCase } from './cases.ts';
import { recordCaseChange } from './syncMerge.ts';
import { audit, inTransaction } from './trail.ts';

export interface AttachmentView {
  id: string;
  /** Null when the file is sensitive and the reader is neither its uploader nor a supervisor. */
  fileName: string | null;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  sensitive: boolean;
  uploadedBy: string | null;
  createdAt: string;
  /** Whether this reader may open (and delete) the file. */
  canOpen: boolean;
}

export interface Upload {
  fileName: string;
  contentType: string | undefined;
  sensitive: boolean;
  content: Buffer;
}

/** Files a case may hold at most; beyond it, old ones must be removed first. */
export const MAX_ATTACHMENTS_PER_CASE = 200;

/** The allowed media type a declared content type stands for; 415 when the node refuses it. */
export function allowedKind(ctx: Ctx, contentType: string | undefined) {
  const { config } = ctx.deps;
  const kind = mediaKind(contentType);
  if (!kind || !config.attachmentTypes.includes(kind.type))
    throw new ProblemError(415, 'attachment_type_refused', {
      types: config.attachmentTypes.join(', '),
    });
  return kind;
}

/** The file name as stored (cleaned); 400 when nothing is left of it. */
export function storedFileName(name: string): string {
  const fileName = cleanFileName(name);
  if (fileName === '') throw new ProblemError(400, 'validation_failed', { detail: 'name' });
  return fileName;
}

/** 409 when the case already holds as many files as it may. */
export async function checkAttachmentRoom(ctx: Ctx, caseId: string): Promise<void> {
  const count = await ctx.deps.db
    .selectFrom('attachment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_ATTACHMENTS_PER_CASE)
    throw new ProblemError(409, 'attachment_limit', { max: MAX_ATTACHMENTS_PER_CASE });
}

export interface AddOptions {
  /** The attachment's id (a resumable upload keeps its own, so completing twice stores once). */
  id?: string;
  /** More writes in the same transaction (a resumable upload marks itself complete). */
  also?: (trx: Transaction<Database>) => Promise<void>;
}

/**
 * Stores a file on a case after checking its type against its first bytes and
 * the node's allowed types and size; one transaction writes it, its timeline
 * event and its audit row.
 */
export async function addAttachment(
  ctx: Ctx,
  caseId: string,
  upload: Upload,
  options: AddOptions = {},
): Promise<AttachmentView> {
  const { actor } = await writableCase(ctx, caseId);
  const { config } = ctx.deps;
  const kind = allowedKind(ctx, upload.contentType);
  if (upload.content.length === 0) throw new ProblemError(400, 'attachment_empty');
  if (upload.content.length > config.attachmentMaxBytes)
    throw new ProblemError(413, 'payload_too_large');
  if (!kind.matches(upload.content.subarray(0, 4096)))
    throw new ProblemError(415, 'attachment_content_mismatch', { type: kind.type });
  const fileName = storedFileName(upload.fileName);
  await checkAttachmentRoom(ctx, caseId);

  const id = options.id ?? crypto.randomUUID();
  const createdAt = ctx.deps.clock.now().toISOString();
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  await inTransaction(
    ctx,
    {
      action: 'case.attachment.add',
      entity: 'case',
      entityIds: [caseId, id],
      details: {
        mediaType: kind.type,
        sizeBytes: upload.content.length,
        sensitive: upload.sensitive,
      },
    },
    async (trx) => {
      await trx
        .insertInto('attachment')
        .values({
          id,
          case_id: caseId,
          file_name: fileName,
          media_type: kind.type,
          size_bytes: upload.content.length,
          sha256,
          sensitive: upload.sensitive ? 1 : 0,
          created_by: actor.userId,
          created_at: createdAt,
          deleted_at: null,
          deleted_by: null,
        })
        .execute();
      await trx
        .insertInto('attachment_content')
        .values({ attachment_id: id, content: upload.content })
        .execute();
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at: createdAt,
          actor_user_id: actor.userId,
          type: 'attachment_added',
          details: JSON.stringify({ mediaType: kind.type, sensitive: upload.sensitive }),
        })
        .execute();
      await recordCaseChange(ctx, trx, caseId);
      await options.also?.(trx);
    },
  );
  return {
    id,
    fileName,
    mediaType: kind.type,
    sizeBytes: upload.content.length,
    sha256,
    sensitive: upload.sensitive,
    uploadedBy: actor.username,
    createdAt,
    canOpen: true,
  };
}

/** The case's files, newest first; a sensitive file's name is withheld from those who may not open it. */
export async function listAttachments(ctx: Ctx, caseId: string): Promise<AttachmentView[]> {
  const actor = await requireAny(ctx, 'case:read:agency');
  await ownCase(ctx, caseId);
  const rows = await ctx.deps.db
    .selectFrom('attachment')
    .leftJoin('app_user', 'app_user.id', 'attachment.created_by')
    .select([
      'attachment.id',
      'attachment.file_name',
      'attachment.media_type',
      'attachment.size_bytes',
      'attachment.sha256',
      'attachment.sensitive',
      'attachment.created_by',
      'attachment.created_at',
      'app_user.username',
    ])
    .where('attachment.case_id', '=', caseId)
    .where('attachment.deleted_at', 'is', null)
    .orderBy('attachment.created_at', 'desc')
    .orderBy('attachment.id', 'desc')
    .execute();
  return rows.map((r) => {
    const canOpen = mayReadSensitive(actor, r);
    return {
      id: r.id,
      fileName: canOpen ? r.file_name : null,
      mediaType: r.media_type,
      sizeBytes: Number(r.size_bytes),
      sha256: r.sha256,
      sensitive: r.sensitive === 1,
      uploadedBy: r.username,
      createdAt: r.created_at,
      canOpen,
    };
  });
}

async function attachmentOf(ctx: Ctx, caseId: string, attachmentId: string) {
  const actor = await requireAny(ctx, 'case:read:agency');
  await ownCase(ctx, caseId);
  const row = await ctx.deps.db
    .selectFrom('attachment')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('case_id', '=', caseId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('attachment');
  if (!mayReadSensitive(actor, row)) {
    await deny(ctx, 'attachment:sensitive', [caseId, attachmentId]);
    throw new ProblemError(403, 'forbidden');
  }
  return { actor, row };
}

/** The file's bytes for someone who may open it (audited as a read of personal data). */
export async function readAttachment(
  ctx: Ctx,
  caseId: string,
  attachmentId: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  const { row } = await attachmentOf(ctx, caseId, attachmentId);
  const stored = await ctx.deps.db
    .selectFrom('attachment_content')
    .select('content')
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirstOrThrow();
  await audit(ctx, ctx.deps.db, {
    action: 'case.attachment.read',
    entity: 'case',
    entityIds: [caseId, attachmentId],
  });
  return {
    fileName: row.file_name,
    mediaType: row.media_type,
    content: Buffer.from(stored.content),
  };
}

/**
 * Removes a file: its bytes are erased, its record kept (who removed it and
 * when) so the timeline stays whole. Its uploader or a supervisor may do it.
 */
export async function removeAttachment(
  ctx: Ctx,
  caseId: string,
  attachmentId: string,
): Promise<void> {
  await writableCase(ctx, caseId);
  const { actor } = await attachmentOf(ctx, caseId, attachmentId);
  const at = ctx.deps.clock.now().toISOString();
  await inTransaction(
    ctx,
    { action: 'case.attachment.remove', entity: 'case', entityIds: [caseId, attachmentId] },
    async (trx) => {
      await trx
        .updateTable('attachment')
        .set({ deleted_at: at, deleted_by: actor.userId })
        .where('id', '=', attachmentId)
        .execute();
      await trx
        .deleteFrom('attachment_content')
        .where('attachment_id', '=', attachmentId)
        .execute();
      await trx
        .insertInto('case_event')
        .values({
          id: crypto.randomUUID(),
          case_id: caseId,
          at,
          actor_user_id: actor.userId,
          type: 'attachment_removed',
          details: '{}',
        })
        .execute();
      await recordCaseChange(ctx, trx, caseId);
    },
  );
}
