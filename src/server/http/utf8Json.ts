import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problem.ts';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Parses JSON bodies strictly: invalid UTF-8 is refused (never silently
 * replaced), and so is anything that is not JSON. `__proto__` keys are dropped.
 */
export function strictJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    /^application\/(.+\+)?json(\s*;.*)?$/,
    { parseAs: 'buffer' },
    (_request, body: Buffer, done) => {
      let text: string;
      try {
        text = decoder.decode(body);
      } catch {
        done(new ProblemError(400, 'invalid_utf8'), undefined);
        return;
      }
      if (text.trim() === '') {
        done(new ProblemError(400, 'malformed_json'), undefined);
        return;
      }
      try {
        done(
          null,
          JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)),
        );
      } catch {
        done(new ProblemError(400, 'malformed_json'), undefined);
      }
    },
  );
}
