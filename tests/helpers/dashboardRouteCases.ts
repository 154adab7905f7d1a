import type { Case } from './routeCases.ts';

/**
 * The dashboards (docs/dashboards.md): each reader's own default view — the
 * national one for aggregate readers, the area one for focal points, the
 * agency one for case workers; administrators hold none of those permissions.
 */
export const DASHBOARD_CASES: Case[] = [
  {
    route: 'GET /api/v1/dashboards',
    url: () => '/api/v1/dashboards?weeks=8',
    allow: ['supervisor', 'inspector', 'analyst'],
  },
];
