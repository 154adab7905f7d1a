import type { Case } from './routeCases.ts';

/** A pair id no pass has produced: reviewers get 404, everyone else is refused first. */
const NO_PAIR = '00000000-0000-4000-8000-000000000000';

/** Duplicate review and "possibly known to" (issue #6). */
export const DUPLICATE_CASES: Case[] = [
  { route: 'GET /api/v1/duplicates', url: () => '/api/v1/duplicates', allow: ['supervisor'] },
  {
    route: 'GET /api/v1/duplicates/:id',
    url: () => `/api/v1/duplicates/${NO_PAIR}`,
    allow: ['supervisor'],
    okStatus: [404],
  },
  ...(['merge', 'unmerge', 'distinct'] as const).map(
    (action): Case => ({
      route: `POST /api/v1/duplicates/:id/${action}`,
      url: () => `/api/v1/duplicates/${NO_PAIR}/${action}`,
      body: () => (action === 'merge' ? { keepId: NO_PAIR, version: 1 } : { version: 1 }),
      allow: ['supervisor'],
      okStatus: [404],
    }),
  ),
  {
    route: 'GET /api/v1/cases/:id/known-to',
    url: (ids) => `/api/v1/cases/${ids.caseId}/known-to`,
    allow: ['inspector'],
    deniedAs: [404],
  },
];
