import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { DIAGRAMS_DIRECTORY } from '../src/generate.js';
import { allDiagrams } from '../src/registry.js';

const root = new URL('../../../', import.meta.url).pathname;
const directory = join(root, DIAGRAMS_DIRECTORY);
const svgs = readdirSync(directory).filter((file) => file.endsWith('.svg'));

describe('the committed diagrams', () => {
  it('When the diagrams are listed, then every registered diagram has its SVG and there are at least five', async () => {
    const names = (await allDiagrams()).map((d) => `${d.name}.svg`);
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(svgs.sort()).toEqual(names.sort());
  });

  it.each(svgs)(
    'When %s is drawn by a standard SVG renderer, then it is a picture with its title and labels no smaller than 8 pt',
    (file) => {
      const svg = readFileSync(join(directory, file), 'utf8');
      expect(svg).toMatch(/<title>[^<]{10,}<\/title>/);
      const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(sizes.length).toBeGreaterThan(5);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8);
      const rendered = new Resvg(svg, {
        font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
      }).render();
      expect(rendered.width).toBeGreaterThan(300);
      // Not a blank page: a good share of the pixels is ink (boxes, lines, text).
      const pixels = rendered.pixels;
      let ink = 0;
      for (let i = 0; i < pixels.length; i += 4)
        if (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200) ink += 1;
      expect(ink / (pixels.length / 4)).toBeGreaterThan(0.01);
    },
  );
});
