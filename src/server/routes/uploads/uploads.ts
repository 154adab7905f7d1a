import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { MEDIA_TYPES } from '../../files/mediaTypes.ts';
import { ProblemError } from '../../http/problem.ts';
import * as uploads from '../../services/uploads.ts';
import { Id, Obj, Text } from '../schemas.ts';
import { Uuid } from '../sync/sync.schema.ts';

const UploadState = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  sizeBytes: Type.Integer(),
  receivedBytes: Type.Integer(),
  chunkBytes: Type.Integer(),
  attachment: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]),
});
const StartBody = Obj({
  id: Uuid,
  caseId: Id,
  fileName: Text(200, 1),
  contentType: Text(100, 1),
  sizeBytes: Type.Integer({ minimum: 1 }),
  sha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
  sensitive: Type.Optional(Type.Boolean()),
  deviceId: Type.Optional(Uuid),
});
const UploadParams = Obj({ id: Uuid });
/** The chunk's content type, as tus names it. */
const CHUNK_TYPE = 'application/offset+octet-stream';

/**
 * Resumable uploads (docs/sync.md): announce, send chunks at the offset reached, ask where to
 * resume, cancel. The whole file becomes a case attachment once its SHA-256 matches.
 */
export async function uploadRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  app.addContentTypeParser(
    CHUNK_TYPE,
    { parseAs: 'buffer', bodyLimit: uploads.MAX_CHUNK_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/uploads',
    {
      schema: {
        tags,
        summary: `Announce a file for a case, sent next in chunks (types: ${MEDIA_TYPES.join(', ')}, as the node allows); the same id again answers where it stands`,
        body: StartBody,
        response: { 200: UploadState },
      },
    },
    async (request) =>
      uploads.startUpload(request.ctx, {
        ...request.body,
        sensitive: request.body.sensitive ?? false,
      }),
  );

  app.get(
    '/uploads/:id',
    {
      schema: {
        tags,
        summary: 'Where an upload stands: resume from receivedBytes',
        params: UploadParams,
        response: { 200: UploadState },
      },
    },
    async (request) => uploads.uploadState(request.ctx, request.params.id),
  );

  app.patch(
    '/uploads/:id',
    {
      bodyLimit: uploads.MAX_CHUNK_BYTES,
      config: { rawBody: true },
      schema: {
        tags,
        summary: `Send the chunk that starts at the Upload-Offset header (body: ${CHUNK_TYPE}); 409 with receivedBytes when the offset is not the one reached`,
        params: UploadParams,
        headers: Type.Object({ 'upload-offset': Type.String({ pattern: '^[0-9]{1,12}$' }) }),
        response: { 200: UploadState },
      },
    },
    async (request) => {
      const body = request.body;
      if (!Buffer.isBuffer(body) || request.headers['content-type'] !== CHUNK_TYPE)
        throw new ProblemError(415, 'upload_chunk_type', { type: CHUNK_TYPE });
      return uploads.appendChunk(
        request.ctx,
        request.params.id,
        Number(request.headers['upload-offset']),
        body,
      );
    },
  );

  app.delete(
    '/uploads/:id',
    {
      schema: { tags, summary: 'Abandon an unfinished upload', params: UploadParams },
    },
    async (request, reply) => {
      await uploads.cancelUpload(request.ctx, request.params.id);
      return reply.code(204).send();
    },
  );
}
