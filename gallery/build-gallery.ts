import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderText } from '../src/adapters/console/render-text.js';
import { renderBlocks } from '../src/adapters/slack/blocks/index.js';
import { renderAdaptiveCard } from '../src/adapters/teams/cards/index.js';
import {
  chromiumPresent,
  createCardRenderer,
  type Measure,
  openedCardsOf,
  problemsOf,
  WIDTHS,
} from './render-cards.js';
import { type SampleCard, sampleCards } from './sample-cards.js';

/**
 * `npm run cards`: every card kind with realistic data, as Teams draws it (Microsoft's renderer, the Teams
 * host config, 450 and 320 px), as Block Kit JSON and as console text, into cards-gallery/ with an index.html.
 */
const OUT = join(process.cwd(), 'cards-gallery');

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface Entry {
  sample: SampleCard;
  file: string;
  measures: Measure[];
  /** PNGs of its Action.ShowCard cards opened (Deny's reason, "More"), at 320 px. */
  opened: { png: string; title: string }[];
}

function indexHtml(entries: readonly Entry[]): string {
  const rows = entries.map(({ sample, file, measures, opened }) => {
    const problems = measures.flatMap(problemsOf);
    const sizes = measures.map((m) => `${m.width} px: ${m.height} px tall`).join(' · ');
    const images = WIDTHS.map(
      (w) =>
        `<figure><img src="${file}-${w}.png" alt="${escapeHtml(sample.name)} at ${w} px"><figcaption>${w} px</figcaption></figure>`,
    ).join('');
    const menus = opened
      .map(
        ({ png, title }) =>
          `<figure><img src="${png}" alt="${escapeHtml(title)} opened"><figcaption>"${escapeHtml(title)}" opened, 320 px</figcaption></figure>`,
      )
      .join('');
    return `<section id="${file}"><h2>${escapeHtml(sample.name)} <small>${sample.view.kind}</small></h2>
<p>${sizes}${problems.length ? `</p><ul class="bad">${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : ' · fits</p>'}
<div class="row">${images}${menus}<div class="files"><a href="${file}.blocks.json">Block Kit JSON</a> · <a href="${file}.card.json">Adaptive Card JSON</a><pre>${escapeHtml(renderText(sample.view))}</pre></div></div></section>`;
  });
  return `<!doctype html><html><head><meta charset="utf-8"><title>Card gallery</title><style>
body { font-family: system-ui, sans-serif; margin: 24px; color: #242424; }
section { border-top: 1px solid #ddd; padding: 12px 0; }
.row { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
figure { margin: 0; } figcaption { color: #666; font-size: 12px; }
pre { background: #f6f6f6; padding: 8px; max-width: 520px; white-space: pre-wrap; font-size: 12px; }
.bad { color: #c4314b; } small { color: #888; font-weight: normal; }
</style></head><body><h1>Card gallery</h1>
<p>Each card as Microsoft's Adaptive Cards renderer draws it with the Teams light host config, at 450 px (a Teams
channel) and 320 px (a phone), with its Block Kit JSON and console text. Built by <code>npm run cards</code>.
Segoe UI is not on this machine, so the browser's fallback sans-serif (DejaVu Sans on Debian, wider than Segoe UI) draws the text,
so a title that fits here should fit in Teams.</p>
<nav>${entries.map((e) => `<a href="#${e.file}">${escapeHtml(e.sample.name)}</a>`).join(' · ')}</nav>
${rows.join('\n')}</body></html>`;
}

async function main(): Promise<void> {
  if (!chromiumPresent()) {
    console.error('cards: /usr/bin/chromium is missing (apt-get install -y chromium); nothing was drawn.');
    process.exitCode = 1;
    return;
  }
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const renderer = await createCardRenderer();
  const entries: Entry[] = [];
  const openedFiles: Entry['opened'] = [];
  try {
    for (const sample of await sampleCards()) {
      const file = slug(sample.name);
      const card = renderAdaptiveCard(sample.view, { cardKey: null });
      writeFileSync(join(OUT, `${file}.card.json`), `${JSON.stringify(card, null, 2)}\n`);
      writeFileSync(
        join(OUT, `${file}.blocks.json`),
        `${JSON.stringify(renderBlocks(sample.view), null, 2)}\n`,
      );
      writeFileSync(join(OUT, `${file}.txt`), `${renderText(sample.view)}\n`);
      const measures: Measure[] = [];
      for (const width of WIDTHS) {
        const { measure, png } = await renderer.render(card, width);
        writeFileSync(join(OUT, `${file}-${width}.png`), png);
        measures.push(measure);
      }
      const opened: string[] = [];
      for (const [i, inner] of openedCardsOf(card).entries()) {
        const { measure, png } = await renderer.render(inner.card, 320);
        writeFileSync(join(OUT, `${file}-open${i + 1}-320.png`), png);
        opened.push(...problemsOf(measure).map((p) => `"${inner.title}" opened: ${p}`));
        openedFiles.push({ png: `${file}-open${i + 1}-320.png`, title: inner.title });
      }
      entries.push({ sample, file, measures, opened: openedFiles.splice(0) });
      const problems = [...measures.flatMap(problemsOf), ...opened];
      console.log(
        `${sample.name.padEnd(48)} ${measures.map((m) => `${m.width}: ${String(m.height).padStart(5)} px`).join('  ')}${problems.length ? `  ✗ ${problems.join('; ')}` : ''}`,
      );
    }
  } finally {
    await renderer.close();
  }
  writeFileSync(join(OUT, 'index.html'), indexHtml(entries));
  console.log(`cards: ${entries.length} cards in ${join(OUT, 'index.html')}`);
}

await main();
