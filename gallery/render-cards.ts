import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Microsoft's published Teams light host config, vendored with the test fixtures (test/fixtures/README.md). */
export const HOST_CONFIG_FILE = fileURLToPath(
  new URL('../test/fixtures/host-configs/microsoft-teams-light.json', import.meta.url),
);

/** Debian's chromium package; no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
/** Teams' channel column, and a phone. */
export const WIDTHS = [450, 320] as const;
/** A card taller than this at 450 px needs paging or grouping (about a laptop screen). */
export const MAX_HEIGHT = 1500;

// Without these, Chromium reaches for the network (updates, sync, QUIC probes) and stalls on a closed one.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const require = createRequire(import.meta.url);

/** What the DOM says about one card drawn at one width. */
export interface Measure {
  width: number;
  height: number;
  /** Button titles the renderer cut with an ellipsis (or clipped). */
  cutButtons: string[];
  /** Texts wider than their container. */
  overflowingTexts: string[];
}

export interface CardRenderer {
  /** Draws the card at `width` px, measures it, and returns the measure with a PNG of the card. */
  render(card: object, width: number): Promise<{ measure: Measure; png: Buffer }>;
  close(): Promise<void>;
}

export const chromiumPresent = (): boolean => existsSync(CHROMIUM);

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; padding: 16px; background: #f5f5f5; }
#frame { background: #fff; border: 1px solid #e0e0e0; border-radius: 4px; }
</style></head><body><div id="frame"></div></body></html>`;

/** The little of the DOM the page function uses (the project compiles without the DOM library). */
interface Node {
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  offsetParent: unknown;
  textContent: string | null;
  style: Record<string, string>;
  innerHTML: string;
  getBoundingClientRect(): { right: number; height: number };
  querySelectorAll(selector: string): Iterable<Node>;
  appendChild(node: unknown): void;
}

/** Runs in the page: renders with Microsoft's renderer and measures what a reader would see cut. */
function drawInPage(input: { card: object; width: number; hostConfig: object }): Omit<Measure, 'width'> {
  // biome-ignore lint/suspicious/noExplicitAny: the renderer's global, loaded by a script tag
  const AC = (globalThis as any).AdaptiveCards;
  const doc = (globalThis as unknown as { document: { getElementById(id: string): Node } }).document;
  const frame = doc.getElementById('frame');
  frame.style.width = `${input.width}px`;
  frame.innerHTML = '';
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig(input.hostConfig);
  card.parse(input.card);
  frame.appendChild(card.render());
  const frameRight = frame.getBoundingClientRect().right;
  const visible = (el: Node) => el.offsetParent !== null;
  const sticksOut = (el: Node) => el.getBoundingClientRect().right > frameRight + 0.5;
  const cut = (el: Node) =>
    el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1 || sticksOut(el);
  const cutButtons = [...frame.querySelectorAll('button, .ac-pushButton')]
    .filter(visible)
    .filter((button) => cut(button) || [...button.querySelectorAll('div')].some(cut))
    .map((button) => button.textContent ?? '');
  const texts = '.ac-textBlock, .ac-richTextBlock, .ac-fact-title, .ac-fact-value, .ac-input';
  const overflowingTexts = [...frame.querySelectorAll(texts)]
    .filter(visible)
    .filter((el) => el.scrollWidth > el.clientWidth + 1 || sticksOut(el))
    .map((el) => (el.textContent ?? '').slice(0, 80));
  return { height: Math.round(frame.getBoundingClientRect().height), cutButtons, overflowingTexts };
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.setContent(PAGE);
  // tsx and vitest compile with esbuild's keepNames, which wraps functions in a `__name` helper; a function
  // sent to the page carries those calls, so the page gets the helper too.
  await page.evaluate('globalThis.__name = (f) => f');
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
  // The renderer's own stylesheet: buttons shrink and cut their titles with an ellipsis, as in Teams.
  await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
  return page;
}

/** Opens headless Chromium with one page holding Microsoft's renderer and the Teams host config. */
export async function createCardRenderer(): Promise<CardRenderer> {
  const hostConfig = JSON.parse(readFileSync(HOST_CONFIG_FILE, 'utf8')) as object;
  const profile = mkdtempSync(join(tmpdir(), 'cards-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 520, height: 800 },
    deviceScaleFactor: 1,
  });
  const page = await newPage(context);
  return {
    async render(card, width) {
      const drawn = await page.evaluate(drawInPage, { card, width, hostConfig });
      const png = await page.locator('#frame').screenshot();
      return { measure: { width, ...drawn }, png };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The problems a measure shows, as short sentences (empty when the card fits). */
export function problemsOf(measure: Measure): string[] {
  return [
    ...measure.cutButtons.map((t) => `button title cut at ${measure.width} px: "${t}"`),
    ...measure.overflowingTexts.map((t) => `text overflows at ${measure.width} px: "${t}"`),
    ...(measure.width === 450 && measure.height > MAX_HEIGHT
      ? [`${measure.height} px tall at 450 px (more than ${MAX_HEIGHT})`]
      : []),
  ];
}

type Json = Record<string, unknown>;

/**
 * The cards behind each Action.ShowCard (Deny's reason, "More"), as cards of their own: they open inside the
 * parent at nearly its width, so they must fit too.
 */
export function openedCardsOf(card: Json): { title: string; card: Json }[] {
  const found: { title: string; card: Json }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const object = node as Json;
    if (object.type === 'Action.ShowCard' && typeof object.card === 'object' && object.card) {
      const inner = object.card as Json;
      found.push({ title: String(object.title), card: { ...inner, version: card.version } });
      visit(inner);
      return;
    }
    for (const value of Object.values(object)) visit(value);
  };
  visit(card.body);
  visit(card.actions);
  return found;
}
