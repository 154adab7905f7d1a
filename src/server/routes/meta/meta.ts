import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { PERMISSIONS, UI_LANGUAGES } from '../../../core/index.ts';
import { AGENCY_TYPES } from '../../services/agencies.ts';

const Meta = Type.Object({
  uiLanguages: Type.Array(Type.String()),
  packLanguages: Type.Array(Type.String()),
  defaultLanguage: Type.String(),
  country: Type.Union([Type.String(), Type.Null()]),
  packName: Type.Union([Type.String(), Type.Null()]),
  permissions: Type.Array(Type.String()),
  agencyTypes: Type.Array(Type.String()),
  attachments: Type.Object({ maxBytes: Type.Integer(), types: Type.Array(Type.String()) }),
});

/** What the node speaks and which catalogues it offers (no personal data, no sign-in needed). */
export async function metaRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/meta',
    {
      config: { public: true },
      schema: {
        tags: ['meta'],
        summary: 'Languages, country and catalogues of this node',
        response: { 200: Meta },
      },
    },
    async (request) => {
      const pack = await request.ctx.deps.db
        .selectFrom('pack')
        .select(['name', 'country_code', 'languages', 'default_language'])
        .orderBy('loaded_at', 'desc')
        .executeTakeFirst();
      return {
        uiLanguages: [...UI_LANGUAGES],
        packLanguages: pack ? (JSON.parse(pack.languages) as string[]) : [],
        defaultLanguage: pack?.default_language ?? 'en',
        country: pack?.country_code ?? null,
        packName: pack?.name ?? null,
        permissions: [...PERMISSIONS],
        agencyTypes: [...AGENCY_TYPES],
        attachments: {
          maxBytes: request.ctx.deps.config.attachmentMaxBytes,
          types: request.ctx.deps.config.attachmentTypes,
        },
      };
    },
  );
}
