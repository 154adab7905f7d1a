import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import * as assignment from '../../services/caseAssignment.ts';
import * as caseForms from '../../services/caseForms.ts';
import { IdParams, PageOf } from '../schemas.ts';
import {
  AssignBody,
  Assignee,
  CaseDetail,
  FormAnswersView,
  FormSaveBody,
  FormSlotParams,
  TaskListQuery,
  TaskSummary,
} from './cases.schema.ts';

/** Who works a case ("my cases"), and open tasks across the caseload. */
export async function caseWorkRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];

  app.get(
    '/case-assignees',
    {
      schema: {
        tags,
        summary: 'Your agency’s workers a case can be assigned to',
        response: { 200: Type.Object({ items: Type.Array(Assignee) }) },
      },
    },
    async (request) => ({ items: await assignment.listAssignees(request.ctx) }),
  );

  app.post(
    '/cases/:id/assignment',
    {
      schema: {
        tags,
        summary: 'Take a case, or (supervisors) give it to a worker or leave it unassigned',
        params: IdParams,
        body: AssignBody,
        response: { 200: CaseDetail },
      },
    },
    async (request) => assignment.assignCase(request.ctx, request.params.id, request.body),
  );

  app.put(
    '/cases/:id/forms/:slot',
    {
      schema: {
        tags,
        summary:
          'Save the answers to the country’s intake or assessment questions (checked as on the device)',
        params: FormSlotParams,
        body: FormSaveBody,
        response: { 200: FormAnswersView },
      },
    },
    async (request) =>
      caseForms.saveFormAnswers(
        request.ctx,
        request.params.id,
        request.params.slot,
        request.body.answers,
      ),
  );

  app.get(
    '/tasks',
    {
      schema: {
        tags,
        summary: 'Open tasks across your agency’s cases (or yours), soonest due first',
        querystring: TaskListQuery,
        response: { 200: PageOf(TaskSummary) },
      },
    },
    async (request) => assignment.listTasks(request.ctx, request.query),
  );
}
