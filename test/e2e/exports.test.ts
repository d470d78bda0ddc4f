import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../src/application/ports/audit-log.js';
import type { RunningBot } from '../../src/compose.js';
import { createCaptureLogger } from '../fakes/capture-logger.js';
import { startTestBot } from '../support/test-bot.js';
import { tempDataDir } from './helpers.js';

const admin = { id: 'console:admin', name: 'Admin' };
const origin = { conversationId: 'console:admin', kind: 'personal' as const };

/** RFC 4180 rows (quoted cells, doubled quotes, line breaks inside quotes), enough to read an export back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted) {
      if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') {
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (cell || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

describe('CSV exports through the real link', () => {
  let bot: RunningBot;
  const logger = createCaptureLogger();
  const say = async (text: string) =>
    (await bot.core.engine.handleText({ actor: admin, origin, text })).views;
  const exportUrl = async (what = 'export') => {
    const [link] = await say(what);
    return (link as { url: string }).url.replace('http://bot.test', bot.url);
  };

  beforeAll(async () => {
    bot = await startTestBot({
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: tempDataDir(),
        ADMINS: 'console:admin',
        PUBLIC_URL: 'http://bot.test',
        O365_CLIENT_ID: 'client-1',
      },
      logger,
      scheduler: false,
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('neutralises cells a spreadsheet would run as formulas (=, +, -, @, tab, CR)', async () => {
    const payloads = [
      '=HYPERLINK("http://evil.example","click")',
      '+1+1',
      '-2+3',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
    ];
    for (const description of payloads) {
      const [view] = await say('set provider skype');
      const state =
        new URL((view as { consent: { url: string } }).consent.url).searchParams.get('state') ?? '';
      const query = new URLSearchParams({ error: 'access_denied', error_description: description, state });
      expect((await fetch(`${bot.url}/auth/office365/callback?${query}`)).status).toBe(400);
    }
    const res = await fetch(await exportUrl());
    expect(res.status).toBe(200);
    const rows = parseCsv(await res.text());
    const details = rows.filter((r) => r[2] === 'provider-consent-failed').map((r) => r[4]);
    expect(details).toEqual(payloads.map((p) => `'${p}`));
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('cuts the download short when the history cannot be read, stays up, and logs no link', async () => {
    const url = await exportUrl();
    const token = new URL(url).pathname.split('/').pop() ?? '';
    const entry: AuditEntry = {
      at: '2024-01-01T00:00:00Z',
      actor: 'system',
      action: 'x',
      integrationId: null,
      details: 'd',
    };
    const read = vi.spyOn(bot.core.deps.audit, 'read').mockImplementation(async function* () {
      yield entry;
      throw new Error(`disk read failed under ${url}`);
    });
    try {
      // Either the connection drops before the headers leave or mid-body: never a complete-looking file.
      const outcome = await fetch(url)
        .then((res) => res.text())
        .then(
          () => 'complete',
          () => 'cut short',
        );
      expect(outcome).toBe('cut short');
    } finally {
      read.mockRestore();
    }
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect(logger.lines.some((l) => l.level === 'error' && /export failed/.test(l.message))).toBe(true);
    expect(token.length).toBeGreaterThan(20);
    expect(logger.text()).not.toContain(token);
  });
});
