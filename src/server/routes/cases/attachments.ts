import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MEDIA_TYPES } from '../../files/mediaTypes.ts';
import { ProblemError } from '../../http/problem.ts';
import * as attachments from '../../services/attachments.ts';
import { Id, IdParams, Obj, Text } from '../schemas.ts';

const Attachment = Type.Object({
  id: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  sensitive: Type.Boolean(),
  uploadedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  canOpen: Type.Boolean(),
});
const UploadQuery = Obj({
  name: Text(200, 1),
  sensitive: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
});
const AttachmentParams = Obj({ id: Id, attachmentId: Id });

/** `attachment; filename=…` with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Files on a case: upload (the body is the file), list, download, remove. */
export async function attachmentRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = app.pathfinder;
  const tags = ['cases'];
  // Within this plugin only: text and any other content type arrive as bytes, checked by the service.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: config.attachmentMaxBytes },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/cases/:id/attachments',
    {
      bodyLimit: config.attachmentMaxBytes,
      config: { rawBody: true },
      schema: {
        tags,
        summary: `Attach a file: the body is the file, its Content-Type one of ${MEDIA_TYPES.join(', ')} (as the node allows)`,
        params: IdParams,
        querystring: UploadQuery,
        response: { 201: Attachment },
      },
    },
    async (request, reply) => {
      const body = request.body ?? Buffer.alloc(0);
      if (!Buffer.isBuffer(body))
        throw new ProblemError(415, 'attachment_type_refused', {
          types: config.attachmentTypes.join(', '),
        });
      const view = await attachments.addAttachment(request.ctx, request.params.id, {
        fileName: request.query.name,
        contentType: request.headers['content-type'],
        sensitive: request.query.sensitive === 'true',
        content: body,
      });
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/cases/:id/attachments',
    {
      schema: {
        tags,
        summary: 'The case’s files (a sensitive file’s name only for its uploader and supervisors)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Attachment) }) },
      },
    },
    async (request) => ({
      items: await attachments.listAttachments(request.ctx, request.params.id),
    }),
  );

  app.get(
    '/cases/:id/attachments/:attachmentId',
    {
      schema: { tags, summary: 'Download a file (audited)', params: AttachmentParams },
    },
    async (request, reply) => {
      const file = await attachments.readAttachment(
        request.ctx,
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .type(file.mediaType)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(file.content);
    },
  );

  app.delete(
    '/cases/:id/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: 'Remove a file: its bytes are erased, the record of it kept',
        params: AttachmentParams,
      },
    },
    async (request, reply) => {
      await attachments.removeAttachment(
        request.ctx,
        request.params.id,
        request.params.attachmentId,
      );
      return reply.code(204).send();
    },
  );
}
