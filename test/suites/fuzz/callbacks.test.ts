import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Actor, Origin } from '../../../src/application/engine.js';
import type { State } from '../../../src/domain/state.js';
import { assertBaseline, baselineScript } from './support/baseline.js';
import { type FuzzServer, request, startFuzzServer } from './support/fuzz-server.js';
import { hugeString, nastyString } from './support/mutate.js';
import { fuzz, scratchDir, timeoutFor } from './support/settings.js';

const ADMIN: Actor = { id: 'console:admin', name: 'Admin' };
const MEMBER: Actor = { id: 'console:max', name: 'Max' };
const dm = (a: Actor): Origin => ({ conversationId: a.id, kind: 'personal' });

let server: FuzzServer;
let baseline: State;
/** Tokens the bot signed for the admin: an export link's, and the consent link's state (never sent whole). */
const signed = { exportToken: '', consentState: '', connectState: '' };

/** encodeURIComponent, lone surrogates made well-formed first (it throws on them). */
const encode = (s: string) => encodeURIComponent(s.replace(/\p{Cs}/gu, '\uFFFD'));

async function linkIn(text: string, pattern: RegExp): Promise<string> {
  const reply = await server.engine.handleText({ actor: ADMIN, origin: dm(ADMIN), text });
  const found = pattern.exec(decodeURIComponent(JSON.stringify(reply)));
  if (!found?.[1]) throw new Error(`"${text}" gave no link matching ${pattern}: ${JSON.stringify(reply)}`);
  return found[1];
}

/** A signed token spoiled: cut, one character changed, lengthened, or its payload and signature swapped. */
const spoiled = (token: () => string) =>
  fc
    .record({
      how: fc.constantFrom('cut', 'flip', 'append', 'swap', 'case'),
      at: fc.nat(),
      extra: nastyString,
    })
    .map(({ how, at, extra }) => {
      const t = token();
      const i = at % Math.max(1, t.length);
      if (how === 'cut') return t.slice(0, i);
      if (how === 'flip') return `${t.slice(0, i)}${t[i] === 'A' ? 'B' : 'A'}${t.slice(i + 1)}`;
      if (how === 'append') return `${t}${extra}`;
      if (how === 'case') return t.toUpperCase();
      return t.split('.').reverse().join('.');
    })
    .filter((t) => t !== token());

/** Long enough to pass Node's 16 KB header limit, short enough to stay a cheap case. */
const URL_REPEATS = 3000;

const values = (token: () => string) =>
  fc.oneof(
    nastyString,
    spoiled(token),
    hugeString(URL_REPEATS),
    fc.constantFrom('True', 'true', '1', 'access_denied', ''),
  );
const keys = fc.oneof(
  fc.constantFrom('admin_consent', 'tenant', 'state', 'error', 'error_description', 'code', 'scope'),
  nastyString,
);
/** Query strings: fuzzed pairs, repeated keys, and raw ones a parser may choke on. */
const query = (token: () => string) =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(fc.tuple(keys, values(token)), { maxLength: 6 })
        .map((pairs) => new URLSearchParams(pairs).toString()),
    },
    fc.constantFrom(
      '%',
      '%E0%A4%A',
      '&&&=',
      'state[a]=b',
      '__proto__[admin]=1',
      'constructor[prototype][x]=1',
      `${'a['.repeat(50)}=1`,
      'state=a&state=b',
      'state',
    ),
    fc
      .string({ unit: 'binary', maxLength: 50 })
      .map((s) => encode(s).replace(/%3D/g, '=').replace(/%26/g, '&')),
  );

const cases = fc.oneof(
  query(() => signed.consentState).map((q) => ({ route: 'consent', path: `/auth/office365/callback?${q}` })),
  query(() => signed.connectState).map((q) => ({ route: 'connect', path: `/oauth/callback?${q}` })),
  fc
    .tuple(
      fc.oneof(
        spoiled(() => signed.exportToken),
        fc.constant(null),
        nastyString,
        hugeString(URL_REPEATS),
      ),
      fc.option(query(() => signed.exportToken)),
    )
    .map(([token, q]) => ({
      route: 'export',
      path: `/exports/${encode(token ?? signed.exportToken)}${q === null ? '' : `?${q}`}`,
    })),
);

describe('fuzz: consent and connect callbacks and export links', () => {
  beforeAll(async () => {
    server = await startFuzzServer({
      dataDir: scratchDir('fuzz-callbacks-'),
      env: {
        PUBLIC_URL: 'https://bot.example.com',
        ADMINS: ADMIN.id,
        O365_CLIENT_ID: 'o365-client-for-fuzzing',
      },
      activity: () => 0,
    });
    const script = baselineScript({
      admin: ADMIN,
      member: MEMBER,
      other: 'console:bob',
      adminChannel: { conversationId: 'console:#admins', kind: 'channel', name: 'admins' },
    });
    await server.setUp(script);
    signed.exportToken = await linkIn('export', /\/exports\/([^\s"\\?]+)/);
    signed.consentState = await linkIn('set provider skype', /[?&]state=([^&\s"\\]+)/);
    signed.connectState = signed.consentState;
    baseline = await server.setUp([]);
    assertBaseline(baseline);
    if (!baseline.provider.pending) throw new Error('the consent of the baseline is not pending');
  });
  afterAll(() => server?.close());

  it('GET callbacks and exports with fuzzed tokens and query strings', {
    timeout: timeoutFor(),
  }, async () => {
    await server.begin();
    const property = fc.asyncProperty(cases, (c) =>
      server.check(c.route, c, () => request(`${server.url}${c.path}`)),
    );
    await fuzz('callbacks and exports', property);
  });
});
