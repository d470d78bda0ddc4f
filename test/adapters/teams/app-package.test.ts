import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/adapters/catalog/load-catalog.js';
import { writeAppPackage } from '../../../src/adapters/teams/app-package/write-app-package.js';
import { fixtureFile } from '../../fixture-files.js';

const schema = JSON.parse(readFileSync(fixtureFile('schemas/teams-manifest-1.22.schema.json'), 'utf8'));
const ajv = new Ajv04.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const APP_ID = '11111111-2222-3333-4444-555555555555';

function build(overrides: { appId?: string } = {}) {
  const outFile = join(mkdtempSync(join(tmpdir(), 'teams-app-')), 'teams-app.zip');
  const linkHosts = loadCatalog({ catalogFile: null }).flatMap((entry) => entry.linkHosts);
  return writeAppPackage({
    manifestDir: 'manifest/teams',
    outFile,
    appId: overrides.appId ?? APP_ID,
    publicUrl: 'https://bot.contoso.com:8443/x',
    linkHosts,
  });
}

/** Width, height and colour type of a PNG, read from its IHDR chunk. */
function readPngHeader(png: Buffer): { width: number; height: number; colorType: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png.readUInt8(25) };
}

/** RGBA pixels of a non-interlaced 8-bit RGBA PNG whose rows all use filter 0 (as ours are written). */
function pixels(png: Buffer): number[][] {
  const { width } = readPngHeader(png);
  const idat = png.subarray(41, png.length - 12 - 4);
  const raw = inflateSync(idat);
  const out: number[][] = [];
  for (let i = 0; i < raw.length; i += width * 4 + 1) {
    for (let x = 0; x < width; x++) out.push([...raw.subarray(i + 1 + x * 4, i + 5 + x * 4)]);
  }
  return out;
}

describe('Teams app package', () => {
  it('holds a manifest valid against the official 1.22 schema', () => {
    const result = build();
    if (!result.ok) throw new Error(result.error);
    const files = unzipSync(readFileSync(result.file));
    const manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array()));
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it('fills the app id, the public domain and the catalog link hosts', () => {
    const result = build();
    if (!result.ok) throw new Error(result.error);
    const m = result.manifest;
    expect(m).toMatchObject({
      id: APP_ID,
      validDomains: ['bot.contoso.com'],
      bots: [{ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] }],
    });
    const domains = (m.composeExtensions as { messageHandlers: { value: { domains: string[] } }[] }[])[0]
      ?.messageHandlers[0]?.value.domains;
    expect(domains).toEqual(
      expect.arrayContaining([
        '*.atlassian.net',
        'dropbox.com',
        '*.sharepoint.com',
        'drive.google.com',
        'app.box.com',
      ]),
    );
  });

  it('lists help and notify here among the channel commands', () => {
    const result = build();
    if (!result.ok) throw new Error(result.error);
    const lists =
      (result.manifest.bots as { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[])[0]
        ?.commandLists ?? [];
    const team = lists.find((list) => list.scopes.includes('team'));
    expect(team?.commands.map((c) => c.title)).toEqual(expect.arrayContaining(['help', 'notify here']));
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const result = build();
    if (!result.ok) throw new Error(result.error);
    const files = unzipSync(readFileSync(result.file));
    const color = Buffer.from(files['color.png'] ?? []);
    const outline = Buffer.from(files['outline.png'] ?? []);
    expect(readPngHeader(color)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32, colorType: 6 });
    const visible = pixels(outline).filter((p) => p[3] !== 0);
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((p) => p[0] === 255 && p[1] === 255 && p[2] === 255)).toBe(true);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(build({ appId: 'my-bot' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('MicrosoftAppId'),
    });
  });

  it('keeps the committed template itself valid', () => {
    const template = JSON.parse(readFileSync('manifest/teams/manifest.json', 'utf8'));
    expect(validate(template), JSON.stringify(validate.errors)).toBe(true);
  });
});
