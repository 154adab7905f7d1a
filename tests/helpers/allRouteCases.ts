import { ALERT_CASES } from './alertRouteCases.ts';
import { DASHBOARD_CASES } from './dashboardRouteCases.ts';
import { DIRECTORY_CASES } from './directoryRouteCases.ts';
import { DUPLICATE_CASES } from './duplicatesRouteCases.ts';
import { CASES } from './routeCases.ts';

/** Every API route's row: the case routes and the others, then the service directory's. */
export const ROUTE_CASES = [
  ...CASES,
  ...DIRECTORY_CASES,
  ...DUPLICATE_CASES,
  ...ALERT_CASES,
  ...DASHBOARD_CASES,
];
