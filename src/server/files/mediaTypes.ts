/**
 * The kinds of file a case may hold, each recognised by its first bytes: a
 * file whose content does not match the type it claims is refused, so a
 * program renamed `photo.jpg` never reaches another worker's screen.
 */
export interface MediaKind {
  type: string;
  extensions: readonly string[];
  matches: (head: Uint8Array) => boolean;
}

const starts = (head: Uint8Array, bytes: readonly number[], at = 0) =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** UTF-8 text without NUL bytes (a report typed on a phone, a CSV). */
function isText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    // Streaming: a multi-byte character cut at the end of the sample is still text.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export const MEDIA_KINDS: readonly MediaKind[] = [
  {
    type: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    matches: (h) => starts(h, [0xff, 0xd8, 0xff]),
  },
  {
    type: 'image/png',
    extensions: ['png'],
    matches: (h) => starts(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  {
    type: 'image/webp',
    extensions: ['webp'],
    matches: (h) => starts(h, ascii('RIFF')) && starts(h, ascii('WEBP'), 8),
  },
  { type: 'application/pdf', extensions: ['pdf'], matches: (h) => starts(h, ascii('%PDF-')) },
  {
    type: 'audio/mpeg',
    extensions: ['mp3'],
    matches: (h) => starts(h, ascii('ID3')) || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
  },
  { type: 'audio/mp4', extensions: ['m4a'], matches: (h) => starts(h, ascii('ftyp'), 4) },
  { type: 'video/mp4', extensions: ['mp4'], matches: (h) => starts(h, ascii('ftyp'), 4) },
  {
    type: 'audio/ogg',
    extensions: ['ogg', 'oga', 'opus'],
    matches: (h) => starts(h, ascii('OggS')),
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    matches: (h) => starts(h, ZIP),
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    matches: (h) => starts(h, ZIP),
  },
  { type: 'text/plain', extensions: ['txt'], matches: isText },
  { type: 'text/csv', extensions: ['csv'], matches: isText },
];

export const MEDIA_TYPES = MEDIA_KINDS.map((k) => k.type);

/** The kind for a Content-Type header (parameters such as `; charset=utf-8` ignored). */
export function mediaKind(contentType: string | undefined): MediaKind | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  return MEDIA_KINDS.find((k) => k.type === type);
}

/**
 * A file name safe to store and to send back in a Content-Disposition header:
 * no folders, no control or bidirectional-override characters, at most 200
 * characters; empty when nothing usable is left.
 */
export function cleanFileName(raw: string): string {
  const base = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  return base
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
}
