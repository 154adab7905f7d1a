/**
 * Draws the app icons (SVG and PNG) without any image library:
 * `npx tsx src/web/tools/makeIcons.ts`. A compass in a ring on teal.
 * The output is committed under src/web/public/icons.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgb = readonly [number, number, number];
type Pt = readonly [number, number];

const TEAL: Rgb = [0x0b, 0x55, 0x63];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const AMBER: Rgb = [0xf5, 0xb8, 0x41];
const OUT = resolve(import.meta.dirname, '../public/icons');

const N: Pt = [0.5, 0.23];
const E: Pt = [0.57, 0.5];
const S: Pt = [0.5, 0.77];
const W: Pt = [0.43, 0.5];

function inTriangle(p: Pt, a: Pt, b: Pt, c: Pt): boolean {
  const side = (u: Pt, v: Pt) => (p[0] - v[0]) * (u[1] - v[1]) - (u[0] - v[0]) * (p[1] - v[1]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function inRoundedSquare(x: number, y: number, r: number): boolean {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Colour at a point of the unit square, or null outside the icon. */
function colourAt(x: number, y: number, maskable: boolean): Rgb | null {
  if (!maskable && !inRoundedSquare(x, y, 0.18)) return null;
  const scale = maskable ? 0.8 : 1;
  const p: Pt = [(x - 0.5) / scale + 0.5, (y - 0.5) / scale + 0.5];
  const d = Math.hypot(p[0] - 0.5, p[1] - 0.5);
  if (d >= 0.3 && d <= 0.36) return WHITE;
  if (inTriangle(p, N, E, W)) return AMBER;
  if (inTriangle(p, S, E, W)) return WHITE;
  return TEAL;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, maskable: boolean): Buffer {
  const SS = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = colourAt((x + (sx + 0.5) / SS) / size, (y + (sy + 0.5) / SS) / size, maskable);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = row + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / (SS * SS)) * 255);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const pts = (list: Pt[]) => list.map(([x, y]) => `${x * 512},${y * 512}`).join(' ');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" role="img" aria-label="Pathfinder">
<title>Pathfinder</title>
<rect width="512" height="512" rx="92" fill="#0b5563"/>
<circle cx="256" cy="256" r="168.96" fill="none" stroke="#fff" stroke-width="30.72"/>
<polygon points="${pts([N, E, W])}" fill="#f5b841"/>
<polygon points="${pts([S, E, W])}" fill="#fff"/>
</svg>
`;

writeFileSync(resolve(OUT, 'icon.svg'), svg);
writeFileSync(resolve(OUT, 'icon-192.png'), png(192, false));
writeFileSync(resolve(OUT, 'icon-512.png'), png(512, false));
writeFileSync(resolve(OUT, 'icon-maskable-512.png'), png(512, true));
writeFileSync(resolve(OUT, 'apple-touch-icon.png'), png(180, true));
