import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('quotes only what needs it, leaves empty cells for null, and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['Group', 'n'],
        ['Border, east', 3],
        ['Say "hi"', null],
      ]),
    ).toBe('\uFEFFGroup,n\r\n"Border, east",3\r\n"Say ""hi""",\r\n');
  });
});
