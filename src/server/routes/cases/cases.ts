import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import * as caseload from '../../services/caseload.ts';
import * as plan from '../../services/casePlan.ts';
import * as cases from '../../services/cases.ts';
import * as transitions from '../../services/caseTransitions.ts';
import { screeningRules } from '../../services/packRules.ts';
import { addScreening, type ScreeningRequest } from '../../services/screenings.ts';
import { IdParams, PageOf } from '../schemas.ts';
import {
  CaseDetail,
  CaseIntakeBody,
  CaseListQuery,
  CaseSummary,
  FollowUp,
  FollowUpBody,
  Goal,
  GoalBody,
  Intervention,
  InterventionBody,
  ScreeningBody,
  ScreeningView,
  TransitionBody,
} from './cases.schema.ts';

/** Intake, caseload, one case, screenings and workflow steps (issue #3). */
export async function caseRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];

  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Register a person (or reuse one) and open a case',
        body: CaseIntakeBody,
        response: { 201: CaseDetail },
      },
    },
    async (request, reply) => reply.code(201).send(await cases.openCase(request.ctx, request.body)),
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Your agency’s caseload',
        querystring: CaseListQuery,
        response: { 200: PageOf(CaseSummary) },
      },
    },
    async (request) => caseload.listCases(request.ctx, request.query),
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'One case: person, screenings, tasks, timeline',
        params: IdParams,
        response: { 200: CaseDetail },
      },
    },
    async (request) => cases.getCase(request.ctx, request.params.id),
  );

  app.post(
    '/cases/:id/screenings',
    {
      schema: {
        tags,
        summary: 'Run and store a screening with the country’s current rules',
        params: IdParams,
        body: ScreeningBody,
        response: { 201: ScreeningView },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addScreening(request.ctx, request.params.id, request.body as ScreeningRequest)),
  );

  app.post(
    '/cases/:id/goals',
    {
      schema: {
        tags,
        summary: 'Add a goal to the case plan',
        params: IdParams,
        body: GoalBody,
        response: { 201: Goal },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await plan.addGoal(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/cases/:id/interventions',
    {
      schema: {
        tags,
        summary: 'Record an intervention (service given)',
        params: IdParams,
        body: InterventionBody,
        response: { 201: Intervention },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await plan.addIntervention(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/cases/:id/follow-ups',
    {
      schema: {
        tags,
        summary: 'Record a follow-up visit and its outcomes',
        params: IdParams,
        body: FollowUpBody,
        response: { 201: FollowUp },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await plan.addFollowUp(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/screening-rules',
    {
      schema: {
        tags,
        summary: 'The country’s screening rules, for running screenings on the device',
        response: {
          200: Type.Object({
            childLabour: Type.Unknown(),
            forcedLabour: Type.Unknown(),
            trafficking: Type.Unknown(),
            responseTargets: Type.Unknown(),
            forms: Type.Object({ intake: Type.Unknown(), assessment: Type.Unknown() }),
          }),
        },
      },
    },
    async (request) => screeningRules(request.ctx),
  );

  app.post(
    '/cases/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Move a case to its next workflow step',
        params: IdParams,
        body: TransitionBody,
        response: { 200: CaseDetail },
      },
    },
    async (request) => transitions.moveCase(request.ctx, request.params.id, request.body),
  );
}
