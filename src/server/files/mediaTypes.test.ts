import { describe, expect, it } from 'vitest';
import { cleanFileName, mediaKind } from './mediaTypes.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe('media kinds', () => {
  it('recognises each type by its first bytes, and refuses a disguised file', () => {
    expect(mediaKind('image/jpeg')?.matches(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(mediaKind('image/jpeg')?.matches(bytes('MZ', [0x90, 0]))).toBe(false);
    expect(mediaKind('application/pdf')?.matches(bytes('%PDF-1.7'))).toBe(true);
    expect(mediaKind('image/webp')?.matches(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe(true);
    expect(mediaKind('image/webp')?.matches(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBe(false);
    expect(mediaKind('text/plain; charset=utf-8')?.matches(bytes('Sita, 13 ans'))).toBe(true);
    expect(mediaKind('text/plain')?.matches(bytes('ab', [0], 'cd'))).toBe(false);
    expect(mediaKind('text/plain')?.matches(bytes([0xc3, 0x28, 0x41, 0x42, 0x43, 0x44]))).toBe(
      false,
    );
    // A character cut by the sample's end is still text.
    expect(mediaKind('text/plain')?.matches(new TextEncoder().encode('नेपाल').slice(0, 7))).toBe(
      true,
    );
    expect(mediaKind('application/x-msdownload')).toBeUndefined();
    expect(mediaKind(undefined)).toBeUndefined();
  });

  it('cleans file names: no folders, no control or direction tricks, bounded length', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\photo.jpg')).toBe('photo.jpg');
    expect(cleanFileName('report\u202Efdp.exe')).toBe('reportfdp.exe');
    expect(cleanFileName('a\nb\r\u0000c.txt')).toBe('abc.txt');
    expect(cleanFileName('...hidden')).toBe('hidden');
    expect(cleanFileName('प्रतिवेदन.pdf')).toBe('प्रतिवेदन.pdf');
    expect(cleanFileName('x'.repeat(300)).length).toBe(200);
    expect(cleanFileName('  /  ')).toBe('');
  });
});
