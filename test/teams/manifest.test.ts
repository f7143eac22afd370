// The Teams app package in teams/manifest: a manifest with placeholders and the two icons Teams requires.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { outcomeCard } from '../../src/channels/teams/outcome-card';
import { colorIcon, MANIFEST_DIR, outlineIcon } from './icons';

interface DecodedPng {
  width: number;
  height: number;
  colourType: number;
  pixels: Buffer;
}

/** Reads the PNGs our generator writes (8-bit RGBA, filter 0 on every row). */
function decode(file: Buffer): DecodedPng {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (offset < file.length) {
    const len = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9]!;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + len;
  }
  return { width, height, colourType, pixels: inflateSync(Buffer.concat(idat)) };
}

describe('Teams app manifest', () => {
  const manifest = JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'));

  it('names the bot by a placeholder app id, personal scope', () => {
    expect(manifest.manifestVersion).toMatch(/^1\.\d+$/);
    expect(manifest.id).toBe('{{MICROSOFT_APP_ID}}');
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: '{{MICROSOFT_APP_ID}}', scopes: ['personal'] })]);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('ships a 192x192 colour icon and a 32x32 outline icon, as the generator draws them', () => {
    const color = readFileSync(join(MANIFEST_DIR, 'color.png'));
    const outline = readFileSync(join(MANIFEST_DIR, 'outline.png'));
    expect(color.equals(colorIcon())).toBe(true);
    expect(outline.equals(outlineIcon())).toBe(true);
    expect(decode(color)).toMatchObject({ width: 192, height: 192, colourType: 6 });
    expect(decode(outline)).toMatchObject({ width: 32, height: 32, colourType: 6 });
  });

  it('draws the outline icon in white on a transparent background only', () => {
    const { pixels, width } = decode(readFileSync(join(MANIFEST_DIR, 'outline.png')));
    const stride = width * 4 + 1;
    const seen = new Set<string>();
    for (let y = 0; y < width; y++) {
      for (let x = 0; x < width; x++) {
        const p = pixels.subarray(y * stride + 1 + x * 4, y * stride + 5 + x * 4);
        seen.add(p[3] === 0 ? 'transparent' : p.equals(Buffer.from([255, 255, 255, 255])) ? 'white' : 'other');
      }
    }
    expect([...seen].sort()).toEqual(['transparent', 'white']);
  });
});

describe('outcome Adaptive Card', () => {
  it.each([
    ['emergency', 'attention'],
    ['urgent', 'warning'],
    ['routine', 'accent'],
    ['self_care', 'good'],
  ] as const)('colours a %s outcome %s and lists the paragraphs', (disposition, style) => {
    const card = outcomeCard('Headline.\n\nWhy:\n• reason\n\nSafety net.', { disposition });
    const content = card.content as { body: Array<{ style?: string; items?: Array<{ text: string }>; text?: string }>; actions: unknown[] };
    expect(content.body[0]).toMatchObject({ style, items: [{ text: 'Headline.' }] });
    expect(content.body.slice(1).map((b) => b.text)).toEqual(['Why:\n• reason', 'Safety net.']);
    expect(content.actions).toEqual([]);
  });
});
