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

/**
 * Structured JSON logs. Request bodies are never logged, so names and
 * narratives do not reach the logs; credentials are redacted from headers.
 */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } });
}
