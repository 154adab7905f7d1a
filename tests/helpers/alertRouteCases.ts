import type { Case, Who } from './routeCases.ts';

/** Focal points (alert:read:area) and aggregate readers (stats:read:aggregate) read alerts and figures. */
const READERS: Who[] = ['supervisor', 'analyst'];
/** No alert exists in the matrix's data: reading or moving one is a 404 for those allowed. */
const MISSING_ALERT = '00000000-0000-4000-8000-00000000a1e7';

/**
 * Area alerts, the weekly series and the map (docs/alerts.md): read by focal
 * points within their agency's areas and by aggregate readers everywhere;
 * moved on by focal points; the weekly job run on demand by administrators.
 */
export const ALERT_CASES: Case[] = [
  { route: 'GET /api/v1/alerts', url: () => '/api/v1/alerts?state=open', allow: READERS },
  {
    route: 'GET /api/v1/alerts/:id',
    url: () => `/api/v1/alerts/${MISSING_ALERT}`,
    allow: READERS,
    okStatus: [404],
  },
  {
    route: 'POST /api/v1/alerts/:id/state',
    url: () => `/api/v1/alerts/${MISSING_ALERT}/state`,
    body: () => ({ state: 'acknowledged', comment: 'Seen.', version: 1 }),
    allow: ['supervisor'],
    okStatus: [404],
  },
  { route: 'GET /api/v1/alerts/runs', url: () => '/api/v1/alerts/runs', allow: ['admin'] },
  {
    route: 'POST /api/v1/alerts/runs',
    url: () => '/api/v1/alerts/runs',
    body: () => ({}),
    allow: ['admin'],
  },
  {
    route: 'GET /api/v1/series',
    url: () => '/api/v1/series?area=NPL-D-KATHMANDU&by=sex',
    allow: READERS,
  },
  { route: 'GET /api/v1/map/areas', url: () => '/api/v1/map/areas?level=2', allow: READERS },
  { route: 'GET /api/v1/map/values', url: () => '/api/v1/map/values?level=2', allow: READERS },
  { route: 'GET /api/v1/risk', url: () => '/api/v1/risk?level=2&weeks=4', allow: READERS },
];
