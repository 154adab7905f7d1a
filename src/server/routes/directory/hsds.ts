import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { type TSchema, Type } from 'typebox';
import * as hsds from '../../services/hsds.ts';
import { IdParams, Obj, Text } from '../schemas.ts';

/** HSDS 3.0 response shapes (openreferral/specification, schema/*.json, branch 3.0). */
const S = Type.String();
const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Organization = Type.Object({
  id: S,
  name: S,
  description: S,
  email: N(S),
  website: N(S),
});
const Service = Type.Object({
  id: S,
  organization_id: S,
  name: S,
  description: S,
  url: N(S),
  email: N(S),
  status: S,
  eligibility_description: N(S),
  minimum_age: N(Type.Number()),
  maximum_age: N(Type.Number()),
  last_modified: S,
});
const Address = Type.Object({
  id: S,
  location_id: S,
  address_1: S,
  city: S,
  state_province: S,
  postal_code: S,
  country: S,
  address_type: S,
});
const Location = Type.Object({
  id: S,
  organization_id: S,
  location_type: S,
  name: S,
  latitude: N(Type.Number()),
  longitude: N(Type.Number()),
  addresses: Type.Array(Address),
});
const TaxonomyTerm = Type.Object({
  id: S,
  code: S,
  name: S,
  description: S,
  parent_id: N(S),
  taxonomy: S,
  taxonomy_id: S,
  term_uri: N(S),
});
const Taxonomy = Type.Object({ id: S, name: S, description: S, uri: N(S), version: N(S) });
const ServiceAtLocation = Type.Object({ id: S, service_id: S, location_id: S, description: S });
const Empty = Type.Array(Type.Unknown(), { maxItems: 0 });
const FullService = Type.Object({
  ...Service.properties,
  organization: Organization,
  service_areas: Type.Array(
    Type.Object({
      id: S,
      service_id: S,
      name: S,
      description: N(S),
      extent: N(S),
      extent_type: N(S),
      uri: N(S),
    }),
  ),
  service_at_locations: Type.Array(
    Type.Object({ ...ServiceAtLocation.properties, location: Location }),
  ),
  languages: Type.Array(Type.Object({ id: S, service_id: S, name: S, code: S })),
  attributes: Type.Array(
    Type.Object({
      id: S,
      link_id: S,
      link_type: S,
      link_entity: S,
      taxonomy_term_id: S,
      value: N(S),
      taxonomy_term: TaxonomyTerm,
    }),
  ),
  phones: Empty,
  schedules: Empty,
  contacts: Empty,
  funding: Empty,
  cost_options: Empty,
  required_documents: Empty,
});
const FullOrganization = Type.Object({
  ...Organization.properties,
  services: Type.Array(Service),
  locations: Type.Array(Location),
});

const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    total_items: Type.Integer(),
    total_pages: Type.Integer(),
    page_number: Type.Integer(),
    size: Type.Integer(),
    first_page: Type.Boolean(),
    last_page: Type.Boolean(),
    empty: Type.Boolean(),
    contents: Type.Array(item),
  });
const Paging = {
  page: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$' })),
  per_page: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  format: Type.Optional(Type.Literal('json')),
};
const TrueFalse = Type.Union([Type.Literal('true'), Type.Literal('false')]);

/**
 * The Open Referral HSDS 3.0 API (read only) under /hsds: the required `/` and
 * `/services/{id}`, and the optional lists. Signed-in users and tokens only.
 */
export async function hsdsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['hsds'];

  app.get(
    '/hsds/',
    {
      schema: {
        tags,
        summary: 'HSDS: this API and its relationship with HSDS',
        response: { 200: Type.Object({ version: S, profile: S, openapi_url: S }) },
      },
    },
    async (request) => {
      hsds.hsdsRootAllowed(request.ctx);
      return {
        version: hsds.HSDS_VERSION,
        profile: hsds.HSDS_PROFILE,
        openapi_url: `${request.protocol}://${request.host}/api/v1/openapi.json`,
      };
    },
  );

  app.get(
    '/hsds/services',
    {
      schema: {
        tags,
        summary: 'HSDS: services, a page at a time (full=true nests everything)',
        querystring: Obj({
          ...Paging,
          search: Type.Optional(Text(100)),
          taxonomy_term_id: Type.Optional(Text(64)),
          organization_id: Type.Optional(Text(64)),
          full: Type.Optional(TrueFalse),
        }),
        response: { 200: PageOf(Type.Union([FullService, Service])) },
      },
    },
    async (request) => hsds.listHsdsServices(request.ctx, request.query),
  );

  app.get(
    '/hsds/services/:id',
    {
      schema: {
        tags,
        summary: 'HSDS: one fully nested service',
        params: IdParams,
        response: { 200: FullService },
      },
    },
    async (request) => hsds.getHsdsService(request.ctx, request.params.id),
  );

  app.get(
    '/hsds/organizations',
    {
      schema: {
        tags,
        summary: 'HSDS: organizations, a page at a time',
        querystring: Obj({ ...Paging, search: Type.Optional(Text(100)) }),
        response: { 200: PageOf(Organization) },
      },
    },
    async (request) => hsds.listHsdsOrganizations(request.ctx, request.query),
  );

  app.get(
    '/hsds/organizations/:id',
    {
      schema: {
        tags,
        summary: 'HSDS: one organization with its services and locations',
        params: IdParams,
        response: { 200: FullOrganization },
      },
    },
    async (request) => hsds.getHsdsOrganization(request.ctx, request.params.id),
  );

  app.get(
    '/hsds/service_at_locations',
    {
      schema: {
        tags,
        summary: 'HSDS: services at locations, a page at a time',
        querystring: Obj(Paging),
        response: { 200: PageOf(ServiceAtLocation) },
      },
    },
    async (request) => hsds.listHsdsServiceAtLocations(request.ctx, request.query),
  );

  app.get(
    '/hsds/taxonomies',
    {
      schema: {
        tags,
        summary: 'HSDS: taxonomies',
        querystring: Obj(Paging),
        response: { 200: PageOf(Taxonomy) },
      },
    },
    async (request) => hsds.listHsdsTaxonomies(request.ctx, request.query),
  );

  app.get(
    '/hsds/taxonomy_terms',
    {
      schema: {
        tags,
        summary: 'HSDS: taxonomy terms (service types, eligibility by sex)',
        querystring: Obj({
          ...Paging,
          search: Type.Optional(Text(100)),
          taxonomy_id: Type.Optional(Text(64)),
        }),
        response: { 200: PageOf(TaxonomyTerm) },
      },
    },
    async (request) => hsds.listHsdsTaxonomyTerms(request.ctx, request.query),
  );
}
