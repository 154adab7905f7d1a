import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import * as directory from '../../services/directory.ts';
import * as organizations from '../../services/directoryOrganizations.ts';
import { IdParams, PageOf } from '../schemas.ts';
import {
  Location,
  LocationCreateBody,
  LocationQuery,
  LocationUpdateBody,
  Organization,
  OrganizationCreateBody,
  OrganizationQuery,
  OrganizationUpdateBody,
  Service,
  ServiceCreateBody,
  ServiceQuery,
  ServiceType,
  ServiceUpdateBody,
} from './directory.schema.ts';
import { hsdsRoutes } from './hsds.ts';
import { transferRoutes } from './transfer.ts';

/**
 * The service directory: protection services, who provides them and where,
 * for finding where to refer a case. Read by any signed-in user or token
 * (never anonymously: shelter addresses can put victims at risk); written with
 * `service:write:all`. Also the HSDS 3.0 API and import/export.
 */
export async function directoryRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['directory'];

  app.get(
    '/service-types',
    {
      schema: {
        tags,
        summary: 'The protection-service types: names in every language, referral targets',
        response: { 200: Type.Object({ items: Type.Array(ServiceType) }) },
      },
    },
    async (request) => ({ items: await directory.listServiceTypes(request.ctx) }),
  );

  app.get(
    '/services',
    {
      schema: {
        tags,
        summary:
          'Find services: by type, area (a service for an area serves the areas below it), age, sex, language, status (active unless asked), text',
        querystring: ServiceQuery,
        response: { 200: PageOf(Service) },
      },
    },
    async (request) => directory.searchServices(request.ctx, request.query),
  );

  app.post(
    '/services',
    {
      schema: {
        tags,
        summary: 'Add a service',
        body: ServiceCreateBody,
        response: { 201: Service },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await directory.createService(request.ctx, request.body)),
  );

  app.get(
    '/services/:id',
    { schema: { tags, summary: 'One service', params: IdParams, response: { 200: Service } } },
    async (request) => directory.getService(request.ctx, request.params.id),
  );

  app.patch(
    '/services/:id',
    {
      schema: {
        tags,
        summary: 'Change a service (deactivate: status inactive; services are never deleted)',
        params: IdParams,
        body: ServiceUpdateBody,
        response: { 200: Service },
      },
    },
    async (request) => directory.updateService(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'Organisations that provide services',
        querystring: OrganizationQuery,
        response: { 200: PageOf(Organization) },
      },
    },
    async (request) => organizations.listOrganizations(request.ctx, request.query),
  );

  app.post(
    '/organizations',
    {
      schema: {
        tags,
        summary: 'Add an organisation (agencyId: the agency whose queue receives its referrals)',
        body: OrganizationCreateBody,
        response: { 201: Organization },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await organizations.createOrganization(request.ctx, request.body)),
  );

  app.get(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'One organisation',
        params: IdParams,
        response: { 200: Organization },
      },
    },
    async (request) => organizations.getOrganization(request.ctx, request.params.id),
  );

  app.patch(
    '/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Change an organisation',
        params: IdParams,
        body: OrganizationUpdateBody,
        response: { 200: Organization },
      },
    },
    async (request) =>
      organizations.updateOrganization(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/locations',
    {
      schema: {
        tags,
        summary: 'Where services are delivered',
        querystring: LocationQuery,
        response: { 200: PageOf(Location) },
      },
    },
    async (request) => organizations.listLocations(request.ctx, request.query),
  );

  app.post(
    '/locations',
    {
      schema: {
        tags,
        summary: 'Add a location',
        body: LocationCreateBody,
        response: { 201: Location },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await organizations.createLocation(request.ctx, request.body)),
  );

  app.get(
    '/locations/:id',
    { schema: { tags, summary: 'One location', params: IdParams, response: { 200: Location } } },
    async (request) => organizations.getLocation(request.ctx, request.params.id),
  );

  app.patch(
    '/locations/:id',
    {
      schema: {
        tags,
        summary: 'Change a location',
        params: IdParams,
        body: LocationUpdateBody,
        response: { 200: Location },
      },
    },
    async (request) => organizations.updateLocation(request.ctx, request.params.id, request.body),
  );

  await app.register(hsdsRoutes);
  await app.register(transferRoutes);
}
