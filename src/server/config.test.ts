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

describe('duplicate pass hours', () => {
  it('defaults to 1–5 local time, takes FROM-TO, and refuses nonsense', async () => {
    const { inQuietHours } = await import('./jobs/duplicatesJob.ts');
    expect(loadConfig({}).duplicatePassHours).toEqual({ from: 1, to: 5 });
    expect(loadConfig({ PATHFINDER_DUPLICATE_PASS_HOURS: '0-24' }).duplicatePassHours).toEqual({
      from: 0,
      to: 24,
    });
    for (const bad of ['5-1', '1-25', 'night', '3'])
      expect(() => loadConfig({ PATHFINDER_DUPLICATE_PASS_HOURS: bad })).toThrow(ConfigError);
    const at = (h: number) => new Date(2026, 10, 27, h, 30);
    expect(inQuietHours(at(1), { from: 1, to: 5 })).toBe(true);
    expect(inQuietHours(at(4), { from: 1, to: 5 })).toBe(true);
    expect(inQuietHours(at(5), { from: 1, to: 5 })).toBe(false);
    expect(inQuietHours(at(10), { from: 1, to: 5 })).toBe(false);
    expect(inQuietHours(at(23), { from: 0, to: 24 })).toBe(true);
  });
});
