import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CASE_TOPICS } from '../../../core/index.ts';
import { requestLanguages } from '../../http/errors.ts';
import * as alerts from '../../services/alerts.ts';
import { mapAreas, mapValues, readSeries } from '../../services/alertsMap.ts';
import { riskRanking } from '../../services/alertsRisk.ts';
import { AGE_BANDS, SERIES_DIMENSIONS, SEXES } from '../../services/series.ts';
import {
  Code,
  Enum,
  IdParams,
  Nullable,
  Obj,
  PageOf,
  PageQuery,
  Text,
  Version,
} from '../schemas.ts';

const Week = Type.String({ pattern: '^\\d{4}-W\\d{2}$' });
const Num = Nullable(Type.Number());
const alertFields = {
  id: Type.String(),
  number: Type.String(),
  areaCode: Type.String(),
  areaName: Type.String(),
  areaNames: Type.Record(Type.String(), Type.String()),
  topic: Type.String(),
  week: Type.String(),
  weekStart: Type.String(),
  observed: Nullable(Type.Integer()),
  expected: Num,
  threshold: Num,
  method: Type.String(),
  state: Type.String(),
  closedAs: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const AlertSummary = Type.Object(alertFields);
const AlertDetail = Type.Object({
  ...alertFields,
  settings: Type.Object({
    method: Type.String(),
    alpha: Num,
    sources: Type.Object({ method: Type.String(), alpha: Type.String() }),
  }),
  events: Type.Array(
    Type.Object({
      at: Type.String(),
      actor: Type.String(),
      fromState: Nullable(Type.String()),
      toState: Type.String(),
      closedAs: Nullable(Type.String()),
      comment: Type.String(),
    }),
  ),
  chart: Type.Array(
    Type.Object({
      week: Type.String(),
      observed: Nullable(Type.Integer()),
      expected: Num,
      threshold: Num,
      alarm: Nullable(Type.Boolean()),
    }),
  ),
  chartNote: Nullable(Type.String()),
  mayChange: Type.Boolean(),
  nextStates: Type.Array(Type.String()),
});
const RunSummary = Type.Object({
  week: Type.String(),
  method: Type.String(),
  series: Type.Integer(),
  evaluated: Type.Integer(),
  created: Type.Integer(),
  skipped: Type.Record(Type.String(), Type.Integer()),
  notified: Type.Integer(),
});
const Run = Type.Object({
  week: Type.String(),
  method: Type.String(),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  series: Type.Integer(),
  evaluated: Type.Integer(),
  alerts: Type.Integer(),
  skipped: Type.Record(Type.String(), Type.Integer()),
});
const Level = Type.String({ pattern: '^[0-9]{1,2}$' });

/** Area alerts, their weekly runs, the weekly series and the map's data (docs/alerts.md). */
export async function alertRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['alerts'];

  app.get(
    '/alerts',
    {
      schema: {
        tags,
        summary:
          'Alerts of the areas you cover (or all, with aggregate statistics), newest week first',
        querystring: Obj({
          ...PageQuery,
          state: Type.Optional(Enum([...alerts.ALERT_STATES, 'open'] as const)),
          area: Type.Optional(Code),
          topic: Type.Optional(Enum(CASE_TOPICS)),
        }),
        response: { 200: PageOf(AlertSummary) },
      },
    },
    async (request) => alerts.listAlerts(request.ctx, request.query),
  );

  app.get(
    '/alerts/runs',
    {
      schema: {
        tags,
        summary: 'Weeks the alert job evaluated, newest first',
        querystring: Obj(PageQuery),
        response: { 200: PageOf(Run) },
      },
    },
    async (request) => alerts.listAlertRuns(request.ctx, request.query),
  );

  app.post(
    '/alerts/runs',
    {
      schema: {
        tags,
        summary: 'Run the weekly alert job now for one week (default: the last complete week)',
        body: Obj({ week: Type.Optional(Week) }),
        response: { 200: RunSummary },
      },
    },
    async (request) => alerts.runAlertsNow(request.ctx, request.body.week),
  );

  app.get(
    '/alerts/:id',
    {
      schema: {
        tags,
        summary:
          'One alert: what was seen, what was expected, the threshold, the series and history',
        params: IdParams,
        response: { 200: AlertDetail },
      },
    },
    async (request) =>
      alerts.alertDetail(request.ctx, request.params.id, requestLanguages(request)),
  );

  app.post(
    '/alerts/:id/state',
    {
      schema: {
        tags,
        summary:
          'Move an alert on (acknowledged, investigating, closed as a true signal or a data artefact)',
        params: IdParams,
        body: Obj({
          state: Enum(alerts.ALERT_STATES),
          closedAs: Type.Optional(Enum(alerts.CLOSED_AS)),
          comment: Text(2000, 1),
          version: Version,
        }),
        response: { 200: AlertDetail },
      },
    },
    async (request) =>
      alerts.changeAlertState(
        request.ctx,
        request.params.id,
        request.body,
        requestLanguages(request),
      ),
  );

  app.get(
    '/series',
    {
      schema: {
        tags,
        summary:
          'Weekly newly identified cases of an area (and all below it), filtered or broken down',
        querystring: Obj({
          area: Code,
          from: Type.Optional(Week),
          to: Type.Optional(Week),
          topic: Type.Optional(Enum(CASE_TOPICS)),
          sex: Type.Optional(Enum(SEXES)),
          ageBand: Type.Optional(Enum(AGE_BANDS)),
          sector: Type.Optional(Type.String({ pattern: '^[A-U]$' })),
          by: Type.Optional(Enum(SERIES_DIMENSIONS)),
        }),
        response: {
          200: Type.Object({
            area: Type.String(),
            weeks: Type.Array(Type.String()),
            lines: Type.Array(
              Type.Object({
                key: Nullable(Type.String()),
                counts: Type.Array(Nullable(Type.Integer())),
              }),
            ),
          }),
        },
      },
    },
    async (request) => readSeries(request.ctx, request.query),
  );

  app.get(
    '/map/areas',
    {
      schema: {
        tags,
        summary: 'Area outlines of one level (GeoJSON geometry), for the map drawn without tiles',
        querystring: Obj({ level: Type.Optional(Level) }),
        response: {
          200: Type.Object({
            level: Type.Integer(),
            levels: Type.Array(Type.Integer()),
            areas: Type.Array(
              Type.Object({
                code: Type.String(),
                name: Type.String(),
                names: Type.Record(Type.String(), Type.String()),
                parentCode: Nullable(Type.String()),
                geometry: Type.Unknown(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => mapAreas(request.ctx, Number(request.query.level ?? 1)),
  );

  app.get(
    '/map/values',
    {
      schema: {
        tags,
        summary:
          'Per area of one level: cases of the last weeks, cases per 100,000 population (where the pack gives one) and open alerts',
        querystring: Obj({
          level: Type.Optional(Level),
          weeks: Type.Optional(Type.String({ pattern: '^([1-9]|[1-4][0-9]|5[0-2])$' })),
          topic: Type.Optional(Enum(CASE_TOPICS)),
        }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            values: Type.Array(
              Type.Object({
                code: Type.String(),
                cases: Nullable(Type.Integer()),
                population: Nullable(Type.Integer()),
                rate: Nullable(Type.Number()),
                openAlerts: Type.Integer(),
              }),
            ),
            ratePer: Type.Integer(),
            populationSource: Nullable(Type.String()),
            populationYear: Nullable(Type.Integer()),
            combinedRate: Nullable(Type.Number()),
          }),
        },
      },
    },
    async (request) =>
      mapValues(request.ctx, {
        level: Number(request.query.level ?? 1),
        weeks: Number(request.query.weeks ?? 4),
        topic: request.query.topic,
      }),
  );

  app.get(
    '/risk',
    {
      schema: {
        tags,
        summary:
          "Areas of one level ranked by a combined, explained score: open alerts, recent cases, recent cases per 100,000 population and the pack's risk factors, with weights from the pack",
        querystring: Obj({
          ...PageQuery,
          level: Type.Optional(Level),
          weeks: Type.Optional(Type.String({ pattern: '^([1-9]|[1-4][0-9]|5[0-2])$' })),
        }),
        response: {
          200: Type.Object({
            from: Type.String(),
            to: Type.String(),
            weights: Type.Object({
              openAlerts: Type.Number(),
              cases: Type.Number(),
              caseRate: Type.Number(),
              factors: Type.Record(Type.String(), Type.Number()),
              source: Type.String(),
            }),
            factorsSource: Nullable(Type.String()),
            ratePer: Type.Integer(),
            populationSource: Nullable(Type.String()),
            populationYear: Nullable(Type.Integer()),
            items: Type.Array(
              Type.Object({
                rank: Type.Integer(),
                code: Type.String(),
                name: Type.String(),
                names: Type.Record(Type.String(), Type.String()),
                score: Type.Number(),
                parts: Type.Array(
                  Type.Object({
                    key: Type.String(),
                    raw: Nullable(Type.Number()),
                    scaled: Type.Number(),
                    weight: Type.Number(),
                    points: Type.Number(),
                    note: Nullable(
                      Type.Union([Type.Literal('withheld'), Type.Literal('noPopulation')]),
                    ),
                  }),
                ),
              }),
            ),
            nextCursor: Nullable(Type.String()),
          }),
        },
      },
    },
    async (request) =>
      riskRanking(request.ctx, {
        level: Number(request.query.level ?? 2),
        weeks: Number(request.query.weeks ?? 13),
        cursor: request.query.cursor,
        limit: request.query.limit,
      }),
  );
}
