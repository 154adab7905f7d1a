import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { DASHBOARD_VIEWS, readDashboard } from '../../services/dashboards.ts';
import { Code, Enum, Id, Nullable, Obj } from '../schemas.ts';

const Named = Type.Object({
  code: Type.String(),
  name: Type.String(),
  names: Type.Record(Type.String(), Type.String()),
});
const Table = Type.Object({
  rows: Type.Array(Type.String()),
  columns: Type.Array(Type.String()),
  cells: Type.Array(Type.Array(Nullable(Type.Integer()))),
});

/** The monitoring dashboards: national, area and agency views (docs/dashboards.md). */
export async function dashboardRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/dashboards',
    {
      schema: {
        tags: ['dashboards'],
        summary:
          'Cases by topic, step and risk, new identifications per week, referrals against their target and follow-up outcomes — national, for an area or for an agency; small counts withheld for aggregate-only readers',
        querystring: Obj({
          view: Type.Optional(Enum(DASHBOARD_VIEWS)),
          area: Type.Optional(Code),
          agency: Type.Optional(Id),
          weeks: Type.Optional(Type.String({ pattern: '^([4-9]|[1-9][0-9]|10[0-4])$' })),
        }),
        response: {
          200: Type.Object({
            view: Type.String(),
            views: Type.Array(Type.String()),
            area: Nullable(Named),
            agency: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
            areaChoices: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                names: Type.Record(Type.String(), Type.String()),
                level: Type.Integer(),
              }),
            ),
            agencyChoices: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
            from: Type.String(),
            to: Type.String(),
            aggregateOnly: Type.Boolean(),
            minimumCell: Type.Integer(),
            areaNames: Type.Array(Named),
            areaRates: Type.Array(
              Type.Object({
                code: Type.String(),
                population: Nullable(Type.Integer()),
                rate: Nullable(Type.Number()),
              }),
            ),
            ratePer: Type.Integer(),
            populationSource: Nullable(Type.String()),
            populationYear: Nullable(Type.Integer()),
            tables: Type.Object({
              topicStep: Table,
              riskStep: Table,
              byArea: Table,
              weekly: Table,
              referrals: Table,
              outcomes: Table,
            }),
          }),
        },
      },
    },
    async (request) =>
      readDashboard(request.ctx, {
        view: request.query.view,
        area: request.query.area,
        agency: request.query.agency,
        weeks: request.query.weeks === undefined ? undefined : Number(request.query.weeks),
      }),
  );
}
