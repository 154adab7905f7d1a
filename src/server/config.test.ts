import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('documents every environment variable it reads in docs/configuration.md', () => {
    const source = readFileSync(join(import.meta.dirname, 'config.ts'), 'utf8');
    const docs = readFileSync(
      join(import.meta.dirname, '..', '..', 'docs', 'configuration.md'),
      'utf8',
    );
    const names = new Set(
      source.match(/\b(?:PATHFINDER_[A-Z_]+|DATABASE_URL|LOG_LEVEL|PORT|HOST)\b/g),
    );
    expect(names.size).toBeGreaterThan(15);
    expect([...names].filter((n) => !docs.includes(`\`${n}\``))).toEqual([]);
  });

  it('refuses an invalid value, naming the variable', () => {
    expect(() => loadConfig({ PATHFINDER_ATTACHMENT_MAX_BYTES: '12.5' })).toThrow(
      /PATHFINDER_ATTACHMENT_MAX_BYTES/,
    );
    expect(() => loadConfig({ PATHFINDER_ATTACHMENT_TYPES: 'text/html' })).toThrow(ConfigError);
    expect(
      loadConfig({ PATHFINDER_ATTACHMENT_TYPES: ' image/png , TEXT/PLAIN ' }).attachmentTypes,
    ).toEqual(['image/png', 'text/plain']);
  });
});
