import { type Logger, pino } from 'pino';

/** Fields that must never reach a log line: credentials and session material. */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
];

interface LoggedRequest {
  method?: string;
  url?: string;
  routeOptions?: { url?: string };
  ip?: string;
}

/**
 * Structured JSON logs with no personal data: request bodies and query strings
 * (which may hold a searched name) are never logged, and a request is logged by
 * its route pattern (`/api/v1/users/:id`), not the concrete path; credentials
 * are redacted. `destination` lets tests read what would be logged.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        route:
          req.routeOptions?.url ?? (req.url ?? '').split('?')[0]?.replace(/[0-9a-f-]{36}/gi, ':id'),
        remoteAddress: req.ip,
      }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
