import { describe, expect, it } from 'vitest';
import vectorsJson from '../../../../tests/fixtures/linkage/clk_vectors_febrl4_secret.json';
import schemaJson from '../../../../tests/fixtures/linkage/clkhash_febrl4_schema_v3_final.json';
import { bitsPerToken, clkToBase64, clkTokens, createClkEncoder, formatDate } from './clkEncode.ts';
import { type ClkFeature, parseClkSchema } from './clkSchema.ts';

const vectors = vectorsJson as { row: string[]; clk: string }[];

const ngram = (n: number, positional: boolean): ClkFeature => ({
  identifier: 'x',
  ignored: false,
  format: { type: 'string' },
  comparison: { type: 'ngram', n, positional },
  strategy: { bitsPerFeature: 10 },
  hash: { type: 'blakeHash' },
  missingValue: null,
});

describe('clkhash v3 compatibility', () => {
  it('tokenises like clkhash NgramComparison (padded, positional 1-indexed)', () => {
    expect(clkTokens(ngram(2, false), 'clkhash')).toEqual([
      ' c',
      'cl',
      'lk',
      'kh',
      'ha',
      'as',
      'sh',
      'h ',
    ]);
    expect(clkTokens(ngram(2, true), 'ab')).toEqual(['1  a', '2 ab', '3 b ']);
    expect(clkTokens(ngram(1, true), '42')).toEqual(['1 4', '2 2']);
    expect(clkTokens(ngram(2, false), '')).toEqual([]);
  });
  it('spreads bitsPerFeature over tokens, the first ones getting the remainder', () => {
    expect(bitsPerToken(ngram(2, false), 3)).toEqual([4, 3, 3]);
    expect(bitsPerToken({ ...ngram(2, false), strategy: { bitsPerToken: 5 } }, 2)).toEqual([5, 5]);
  });
  it('formats dates as %Y%m%d', () => {
    expect(formatDate('1989-11-09', '%Y-%m-%d')).toBe('19891109');
    expect(formatDate('09/11/89', '%d/%m/%y')).toBe('19891109');
    expect(() => formatDate('1989-02-30', '%Y-%m-%d')).toThrow();
  });
  it('reads the FEBRL schema: doubleHash for names, blakeHash by default, ignored ids', () => {
    const schema = parseClkSchema(schemaJson);
    expect(schema.l).toBe(1024);
    expect(schema.features.map((f) => f.ignored)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(schema.features[1]?.hash.type).toBe('doubleHash');
    expect(schema.features[4]?.hash.type).toBe('blakeHash');
    expect(() => parseClkSchema({ version: 3, clkConfig: { l: 1024 }, features: [] })).toThrow(
      /HKDF/,
    );
  });
  it('produces bit-identical CLKs to the clkhash algorithm (secret "secret")', () => {
    const encoder = createClkEncoder(parseClkSchema(schemaJson), 'secret');
    expect(vectors.length).toBeGreaterThanOrEqual(8);
    for (const v of vectors) expect(clkToBase64(encoder.encode(v.row))).toBe(v.clk);
  });
});
