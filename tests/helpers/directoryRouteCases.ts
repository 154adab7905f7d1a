import { type Case, SIGNED_IN } from './routeCases.ts';

/** Fixed ids from the demo pack's packs/npl/services/directory.json. */
const BORDER_SHELTER_ORG = '1d0c0000-0000-4000-8000-000000000001';
const TRANSIT_SHELTER = '5e7c0000-0000-4000-8000-000000000001';
const NEPALGUNJ_SHELTER = '10ca0000-0000-4000-8000-000000000001';
/** An organisation the import row creates (then finds unchanged). */
const IMPORTED_ORG = '1d0c0000-0000-4000-8000-0000000000ff';

/**
 * The service directory's routes: every signed-in user or token reads it (the
 * directory names no client, but shelter addresses are not public), only
 * `service:write:all` (the admin role) writes it.
 */
export const DIRECTORY_CASES: Case[] = [
  { route: 'GET /api/v1/service-types', url: () => '/api/v1/service-types', allow: SIGNED_IN },
  {
    route: 'GET /api/v1/services',
    url: () => '/api/v1/services?type=shelter&area=NPL-D-BANKE&age=15&sex=female&language=ne',
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/services/:id',
    url: () => `/api/v1/services/${TRANSIT_SHELTER}`,
    allow: SIGNED_IN,
  },
  {
    route: 'POST /api/v1/services',
    url: () => '/api/v1/services',
    body: () => ({
      organizationId: BORDER_SHELTER_ORG,
      name: 'Night shelter for boys',
      type: 'shelter',
      areaCodes: ['NPL-D-BANKE'],
      minimumAge: 6,
      maximumAge: 17,
      sexes: ['male'],
      languages: ['ne'],
      locationIds: [NEPALGUNJ_SHELTER],
    }),
    allow: ['admin'],
  },
  {
    route: 'PATCH /api/v1/services/:id',
    url: () => `/api/v1/services/${TRANSIT_SHELTER}`,
    body: () => ({ version: 999_999, status: 'temporarily closed' }),
    allow: ['admin'],
    okStatus: [409],
  },
  { route: 'GET /api/v1/organizations', url: () => '/api/v1/organizations', allow: SIGNED_IN },
  {
    route: 'GET /api/v1/organizations/:id',
    url: () => `/api/v1/organizations/${BORDER_SHELTER_ORG}`,
    allow: SIGNED_IN,
  },
  {
    route: 'POST /api/v1/organizations',
    url: () => '/api/v1/organizations',
    body: (ids) => ({ name: 'Legal aid desk', agencyId: ids.agency }),
    allow: ['admin'],
  },
  {
    route: 'PATCH /api/v1/organizations/:id',
    url: () => `/api/v1/organizations/${BORDER_SHELTER_ORG}`,
    body: () => ({ version: 999_999, name: 'x' }),
    allow: ['admin'],
    okStatus: [409],
  },
  {
    route: 'GET /api/v1/locations',
    url: () => `/api/v1/locations?organization=${BORDER_SHELTER_ORG}`,
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/locations/:id',
    url: () => `/api/v1/locations/${NEPALGUNJ_SHELTER}`,
    allow: SIGNED_IN,
  },
  {
    route: 'POST /api/v1/locations',
    url: () => '/api/v1/locations',
    body: () => ({
      organizationId: BORDER_SHELTER_ORG,
      name: 'Dhangadhi transit shelter',
      areaCode: 'NPL-D-KAILALI',
      city: 'Dhangadhi',
    }),
    allow: ['admin'],
  },
  {
    route: 'PATCH /api/v1/locations/:id',
    url: () => `/api/v1/locations/${NEPALGUNJ_SHELTER}`,
    body: () => ({ version: 999_999, city: 'x' }),
    allow: ['admin'],
    okStatus: [409],
  },
  { route: 'GET /api/v1/hsds/', url: () => '/api/v1/hsds/', allow: SIGNED_IN },
  {
    route: 'GET /api/v1/hsds/services',
    url: () => '/api/v1/hsds/services?page=1&per_page=5',
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/hsds/services/:id',
    url: () => `/api/v1/hsds/services/${TRANSIT_SHELTER}`,
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/hsds/organizations',
    url: () => '/api/v1/hsds/organizations',
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/hsds/organizations/:id',
    url: () => `/api/v1/hsds/organizations/${BORDER_SHELTER_ORG}`,
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/hsds/service_at_locations',
    url: () => '/api/v1/hsds/service_at_locations',
    allow: SIGNED_IN,
  },
  { route: 'GET /api/v1/hsds/taxonomies', url: () => '/api/v1/hsds/taxonomies', allow: SIGNED_IN },
  {
    route: 'GET /api/v1/hsds/taxonomy_terms',
    url: () => '/api/v1/hsds/taxonomy_terms',
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/directory/export',
    url: () => '/api/v1/directory/export',
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/directory/export.csv',
    url: () => '/api/v1/directory/export.csv?table=services',
    allow: SIGNED_IN,
  },
  {
    route: 'POST /api/v1/directory/import',
    url: () => '/api/v1/directory/import',
    body: () => ({
      organizations: [
        {
          id: IMPORTED_ORG,
          name: 'Imported legal aid clinic',
          description: 'Loaded by the access-matrix test.',
          agency_code: 'NPL-NGO-BORDER',
        },
      ],
    }),
    allow: ['admin'],
  },
];
