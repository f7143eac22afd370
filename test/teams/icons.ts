// Draws the two Teams app icons (color 192x192, outline 32x32) as PNGs with node:zlib only, so
// they can be regenerated without an image editor or new dependencies:
//   npx tsx test/teams/icons.ts
// It lives under test/ because the manifest test checks the committed icons against it.
// Teams requires the outline icon to be white on a transparent background.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
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

export function png(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  const stride = size * 4 + 1;
  const raw = Buffer.alloc(size * stride);
  for (let y = 0; y < size; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * stride + 1 + x * 4);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A plus sign (the clinic's cross) centred in a square: arms `arm` wide, `span` long. */
function inCross(x: number, y: number, size: number, arm: number, span: number): boolean {
  const dx = Math.abs(x + 0.5 - size / 2);
  const dy = Math.abs(y + 0.5 - size / 2);
  return (dx <= arm / 2 && dy <= span / 2) || (dy <= arm / 2 && dx <= span / 2);
}

const BRAND: Rgba = [0x0b, 0x6e, 0x4f, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

export const MANIFEST_DIR = join(__dirname, '..', '..', 'teams', 'manifest');

export function colorIcon(): Buffer {
  return png(192, (x, y) => (inCross(x, y, 192, 40, 120) ? WHITE : BRAND));
}

export function outlineIcon(): Buffer {
  return png(32, (x, y) => (inCross(x, y, 32, 8, 24) ? WHITE : CLEAR));
}

if (require.main === module) {
  writeFileSync(join(MANIFEST_DIR, 'color.png'), colorIcon());
  writeFileSync(join(MANIFEST_DIR, 'outline.png'), outlineIcon());
}
