import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CSV_TABLES, directoryCsv } from '../../services/directoryCsv.ts';
import { DirectoryDocument } from '../../services/directoryDocument.ts';
import {
  DIRECTORY_KINDS,
  exportDirectory,
  importDirectory,
} from '../../services/directoryTransfer.ts';
import { Enum, Obj } from '../schemas.ts';

const Tally = Type.Object(
  Object.fromEntries(DIRECTORY_KINDS.map((k) => [k, Type.Integer()])) as Record<
    (typeof DIRECTORY_KINDS)[number],
    ReturnType<typeof Type.Integer>
  >,
);
const Records = Type.Optional(Type.Array(Type.Unknown(), { maxItems: 20_000 }));
/** The document is checked in full by the service, so that every problem is reported with its path. */
const ImportBody = Obj(
  {
    organizations: Records,
    services: Records,
    locations: Records,
    service_at_locations: Records,
    taxonomy_terms: Records,
  },
  {
    description:
      'A directory document in HSDS 3.0 shape, as GET /directory/export returns it (docs/country-packs.md).',
  },
);

/** `attachment; filename=…` for a download. */
const download = (name: string) => `attachment; filename="${name}"`;

/** The directory in and out: one HSDS JSON document, or HSDS tabular CSV one table at a time. */
export async function transferRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['directory'];

  app.get(
    '/directory/export',
    {
      schema: {
        tags,
        summary:
          'The whole directory as one HSDS JSON document {organizations, services, locations, service_at_locations, taxonomy_terms} (audited)',
        response: { 200: DirectoryDocument },
      },
    },
    async (request, reply) => {
      const doc = await exportDirectory(request.ctx, 'json');
      return reply
        .header('content-disposition', download('directory.json'))
        .header('cache-control', 'no-store')
        .send(doc);
    },
  );

  app.get(
    '/directory/export.csv',
    {
      schema: {
        tags,
        summary: 'One table of the directory as HSDS tabular CSV (audited)',
        querystring: Obj({ table: Enum(CSV_TABLES) }),
      },
    },
    async (request, reply) => {
      const table = request.query.table;
      const doc = await exportDirectory(request.ctx, 'csv');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', download(`${table}.csv`))
        .header('cache-control', 'no-store')
        .send(directoryCsv(doc, table));
    },
  );

  app.post(
    '/directory/import',
    {
      schema: {
        tags,
        summary:
          'Load a directory document: all checked first (every problem listed, nothing written if any), then inserted or updated in one transaction',
        body: ImportBody,
        response: { 200: Type.Object({ created: Tally, updated: Tally, unchanged: Tally }) },
      },
    },
    async (request) => importDirectory(request.ctx, request.body),
  );
}
