import { loadCatalog } from '../src/adapters/catalog/load-catalog.js';
import { createOAuthClient } from '../src/adapters/oauth/oauth-client.js';
import { createHmacSigner } from '../src/adapters/security/hmac-signer.js';
import { randomIds } from '../src/adapters/security/random-ids.js';
import { createSecretBox } from '../src/adapters/security/secret-box.js';
import { createMemoryAuditLog, createMemoryStore } from '../src/adapters/storage/index.js';
import { createEngine } from '../src/application/create-engine.js';
import type { Deps } from '../src/application/deps.js';
import type { Actor, Origin } from '../src/application/engine.js';
import { runDeadlinePass } from '../src/application/use-cases/run-deadline-pass.js';
import { runPermissionPass } from '../src/application/use-cases/run-permission-pass.js';
import { runRequestPass } from '../src/application/use-cases/run-request-pass.js';
import { runRetirementPass } from '../src/application/use-cases/run-retirement-pass.js';
import { runTimeBoxPass } from '../src/application/use-cases/run-time-box-pass.js';
import type { View } from '../src/application/views/view.js';
import type { CatalogEntry } from '../src/domain/catalog.js';
import { fixedClock } from '../test/fakes/clock.js';
import { silentLogger } from '../test/fakes/silent-logger.js';

/** One card of the gallery: a name people recognise, and the view the bot really built. */
export interface SampleCard {
  name: string;
  view: View;
}

const person = (id: string, name: string): Actor => ({ id: `console:${id}`, name });
const ADA = person('ada', 'Ada Lovelace');
const MEMBERS = [
  person('bea', 'Beatriz Fernández-Castillo'),
  person('chen', 'Chen Wei'),
  person('dmitri', 'Dmitri Sokolov'),
  person('emeka', 'Emeka Okafor'),
];
const ADMIN_ROOM: Origin = { conversationId: 'console:admins', kind: 'channel', name: 'IT admins' };
const dm = (actor: Actor): Origin => ({ conversationId: actor.id, kind: 'personal' });

/** The shipped catalog, with the review states of the Workplace article's troubleshooting part. */
function catalog(): CatalogEntry[] {
  const reviews: Record<string, CatalogEntry['review']> = {
    surveymonkey: { state: 'failed', disableAt: '2026-11-01T00:00:00Z', deadline: '2027-02-15T00:00:00Z' },
    bluejeans: { state: 'failed', disableAt: '2026-11-20T00:00:00Z', deadline: '2026-12-20T00:00:00Z' },
    quip: { state: 'pending', disableAt: '2026-12-15T00:00:00Z', deadline: '2027-03-01T00:00:00Z' },
  };
  // Salesforce is connected through OAuth, as a CATALOG_FILE entry would say.
  const oauth: Record<string, CatalogEntry['oauth']> = {
    salesforce: {
      authorizeUrl: 'https://login.salesforce.com/services/oauth2/authorize',
      tokenUrl: 'https://login.salesforce.com/services/oauth2/token',
      revokeUrl: 'https://login.salesforce.com/services/oauth2/revoke',
      scopes: ['api', 'refresh_token'],
      clientIdEnv: 'SALESFORCE_CLIENT_ID',
      clientSecretEnv: 'SALESFORCE_CLIENT_SECRET',
    },
  };
  return loadCatalog({ catalogFile: null }).map((e) => ({
    ...e,
    review: reviews[e.id] ?? e.review,
    ...(oauth[e.id] ? { oauth: oauth[e.id] } : {}),
  }));
}

/** A bot with a few months of use: groups, requests with reasons, approvals, an auto-disable pass. */
async function aLivedInBot() {
  const clock = fixedClock('2026-10-20T09:00:00Z');
  const deps: Deps = {
    store: createMemoryStore(),
    audit: createMemoryAuditLog(),
    clock,
    signer: createHmacSigner('gallery-secret-0123456789'),
    catalog: catalog(),
    settings: {
      plan: 'enterprise',
      publicUrl: 'https://bot.example.com',
      timeZone: 'Europe/Paris',
      o365ClientId: 'a1b2c3d4-0000-4000-8000-000000000000',
      reminderDays: [30, 7, 1],
      configuredAdmins: [ADA.id],
    },
    logger: silentLogger,
    oauth: createOAuthClient({
      env: { SALESFORCE_CLIENT_ID: '3MVG9-gallery-client', SALESFORCE_CLIENT_SECRET: 'not-a-real-secret' },
    }),
    box: createSecretBox('gallery-secret-0123456789'),
    ids: randomIds,
  };
  await deps.store.update((state) => {
    state.people[ADA.id] = {
      id: ADA.id,
      name: ADA.name,
      role: 'system-admin',
      since: clock.now().toISOString(),
    };
  });
  const engine = createEngine(deps);
  const say = async (actor: Actor, text: string, origin: Origin = dm(actor)) =>
    (await engine.handleText({ actor, origin, text })).views;
  return { deps, clock, engine, say };
}

type Bot = Awaited<ReturnType<typeof aLivedInBot>>;

async function setUp(bot: Bot): Promise<void> {
  const { say } = bot;
  await say(ADA, 'notify here', ADMIN_ROOM);
  for (const group of ['Sales', 'Engineering', 'Customer Success', 'Marketing'])
    await say(ADA, `group create ${group}`);
  const [bea, chen, dmitri, emeka] = MEMBERS as [Actor, Actor, Actor, Actor];
  await say(ADA, `group Sales add ${bea.id}`);
  await say(ADA, `group Engineering add ${chen.id}`);
  await say(ADA, `group Engineering add ${dmitri.id}`);
  await say(ADA, `group Customer Success add ${emeka.id}`);
  await say(ADA, 'enable zoom for all');
  await say(ADA, 'enable surveymonkey for Marketing, Customer Success');
  await say(ADA, 'enable bluejeans for Sales');
  await say(ADA, 'enable dropbox for Engineering');
  await say(ADA, 'disable dropbox');
  await say(chen, 'request jira because we track every bug and release there');
  await say(dmitri, 'request jira because the on-call rota links to Jira issues all day');
  await say(bea, 'request jira because customers report problems we then file as issues');
  await say(emeka, 'request salesforce because renewals live in Salesforce');
  await say(bea, 'request box because our partners share contracts from Box');
  await approve(bot, 'approve box for Sales');
  await say(ADA, 'integration add Figma link figma.com');
}

/** `approve …` answers with the permissions and an Add button; Add is clicked as an admin would. */
async function approve(bot: Bot, text: string): Promise<View[]> {
  const [step] = await bot.say(ADA, text, ADMIN_ROOM);
  const add = step && 'actions' in step ? step.actions?.find((a) => a.verb === 'confirmApprove') : undefined;
  if (!add) throw new Error(`"${text}" offered no Add button`);
  const reply = await bot.engine.handleAction({
    actor: ADA,
    origin: ADMIN_ROOM,
    verb: add.verb,
    data: add.data,
  });
  return [...(reply.card ? [reply.card] : []), ...reply.views];
}

function outboxViews(bot: Bot, kind: View['kind']): View[] {
  return bot.deps.store
    .read()
    .outbox.map((n) => n.view as unknown as View)
    .filter((v) => v.kind === kind);
}

const first = (views: readonly View[], kind: View['kind']): View => {
  const found = views.find((v) => v.kind === kind);
  if (!found) throw new Error(`no ${kind} view among ${views.map((v) => v.kind).join(', ')}`);
  return found;
};

/** Every card kind, built by the bot's own use cases and views from the life above. */
export async function sampleCards(): Promise<SampleCard[]> {
  const bot = await aLivedInBot();
  const { say, engine, clock, deps } = bot;
  await setUp(bot);
  const [bea, chen] = MEMBERS as [Actor, Actor];
  const cards: SampleCard[] = [];
  const add = (name: string, view: View) => cards.push({ name, view });

  const notices = outboxViews(bot, 'requestNotice');
  add(
    'Admin request card (open)',
    notices.filter((v) => v.kind === 'requestNotice' && v.integration.id === 'jira').at(-1) as View,
  );
  add(
    'Request receipt',
    first(await say(bea, 'request salesforce because we quote from it'), 'requestReceipt'),
  );
  add('Directory (admin)', first(await say(ADA, 'integrations'), 'directory'));
  add('Directory (member)', first(await say(chen, 'integrations'), 'directory'));
  add('Permissions', first(await say(chen, 'permissions jira'), 'permissions'));
  const requests = first(await say(ADA, 'requests'), 'requestList');
  add('Pending requests', requests);
  const jira =
    requests.kind === 'requestList' ? requests.items.find((i) => i.integration.id === 'jira') : undefined;
  const step = await engine.handleAction({
    actor: ADA,
    origin: ADMIN_ROOM,
    verb: 'approveRequest',
    data: { requestId: jira?.requestId ?? '', scope: 'requesters' },
  });
  if (step.privateCard) add('Approval step (permissions before Add)', step.privateCard);
  const [wide] = await say(
    ADA,
    'approve salesforce for Customer Success, Sales, Engineering, Marketing',
    ADMIN_ROOM,
  );
  if (wide) add('Approval step for four groups', wide);
  add('My requests', first(await say(bea, 'my requests'), 'requestList'));
  const approved = await approve(bot, 'approve salesforce for Customer Success, Sales');
  add('Decision result', first(approved, 'decisionResult'));
  const salesforce = outboxViews(bot, 'requestNotice').find(
    (v) => v.kind === 'requestNotice' && v.integration.id === 'salesforce',
  );
  const cardKey = `request:${salesforce?.kind === 'requestNotice' ? salesforce.requestId : ''}`;
  const decided = engine.viewCard({ actor: ADA, cardKey, origin: ADMIN_ROOM });
  if (decided) add('Admin request card (approved, not connected)', decided);
  add('Connect link', first(await say(ADA, 'connect salesforce'), 'link'));
  // What the OAuth callback stores once Salesforce answered (the exchange itself needs the network).
  await deps.store.update((state) => {
    state.connections.salesforce = {
      sealedToken: deps.box.seal('{"accessToken":"gallery"}'),
      connectedAt: clock.now().toISOString(),
      connectedBy: ADA.id,
    };
  });
  const connected = engine.viewCard({ actor: ADA, cardKey, origin: ADMIN_ROOM });
  if (connected) add('Admin request card (connected)', connected);
  add('Report', first(await say(ADA, 'report'), 'report'));
  add('Provider', first(await say(ADA, 'provider'), 'provider'));
  add('Provider (consent link)', first(await say(ADA, 'set provider skype'), 'provider'));
  add('Help (admin)', first(await say(ADA, 'help'), 'help'));
  add('Help (member)', first(await say(chen, 'help'), 'help'));
  add('Groups', first(await say(ADA, 'groups'), 'list'));
  add('Export link', first(await say(ADA, 'export jira'), 'link'));
  add('Suggestion', first(await say(chen, 'request gogle drve'), 'message'));

  // An alternative of the same category is on for the asker: both choices, nothing filed.
  const [offer] = await say(chen, 'request bluejeans because our partners send BlueJeans invites');
  if (offer) add('Alternative offer (Use / Still ask)', offer);
  const use = await engine.handleAction({
    actor: chen,
    origin: dm(chen),
    verb: 'useAlternative',
    data: { integrationId: 'zoom' },
  });
  if (use.card) add('Alternative used', use.card);

  // Blocking closes the open request: its requester is told why, its card says blocked.
  await say(chen, 'request quip because the design team writes specs in Quip');
  await say(ADA, 'block quip because we write every document in SharePoint now', ADMIN_ROOM);
  const told = outboxViews(bot, 'message').filter(
    (v) => v.kind === 'message' && / was blocked by /.test(v.text),
  );
  add('Blocked: requester told (direct message)', told.at(-1) as View);
  const quip = outboxViews(bot, 'requestNotice').find(
    (v) => v.kind === 'requestNotice' && v.integration.id === 'quip',
  );
  const quipKey = `request:${quip?.kind === 'requestNotice' ? quip.requestId : ''}`;
  const blockedCard = engine.viewCard({ actor: ADA, cardKey: quipKey, origin: ADMIN_ROOM });
  if (blockedCard) add('Admin request card (blocked)', blockedCard);
  add('Request refused: blocked', first(await say(bea, 'request quip'), 'message'));
  add('Directory with a blocked entry (member)', first(await say(chen, 'integrations'), 'directory'));
  add('Blocked integrations', first(await say(chen, 'blocked'), 'list'));

  // A popular request: the card names the latest ten and counts the rest.
  for (let i = 1; i <= 14; i++)
    await say(
      person(`p${i}`, `Person ${i} Lastname`),
      `request google drive because team ${i} shares its planning sheets there`,
    );
  const busy = outboxViews(bot, 'requestNotice').filter(
    (v) => v.kind === 'requestNotice' && v.integration.id === 'google-drive',
  );
  add('Admin request card (14 requesters)', busy.at(-1) as View);

  // Three days on, nobody decided Jira: the card is raised again, saying how long it waited.
  clock.set('2026-10-23T10:00:00Z');
  await runRequestPass(deps, { now: clock.now() });
  const waiting = outboxViews(bot, 'requestNotice').filter(
    (v) => v.kind === 'requestNotice' && v.integration.id === 'jira' && v.waiting,
  );
  add('Admin request card (waiting reminder)', waiting.at(-1) as View);

  // The minute passes that reach each auto-disable date, as the running server would.
  for (const at of ['2026-11-01T00:00:30Z', '2026-11-20T00:00:30Z', '2026-11-22T08:00:00Z']) {
    clock.set(at);
    await runDeadlinePass(deps, { now: clock.now() });
  }
  const deadlines = outboxViews(bot, 'deadlineNotice');
  add('Review: needs attention', deadlines.at(-1) as View);
  add('Deadlines', first(await say(ADA, 'deadlines'), 'deadlineNotice'));
  add('Directory after the review auto-disable (admin)', first(await say(ADA, 'integrations'), 'directory'));
  clock.set('2026-12-13T08:00:00Z');
  await runDeadlinePass(deps, { now: clock.now() });
  const reminders = outboxViews(bot, 'deadlineNotice').filter(
    (v) => v.kind === 'deadlineNotice' && v.variant === 'reminder',
  );
  if (reminders.length) add('Review: reminder', reminders.at(-1) as View);

  // The attention card of 22 Nov, as Teams shows it when read three weeks later: days left of today.
  const attention = deadlines.at(-1);
  const countdownKey = attention?.kind === 'deadlineNotice' ? attention.countdown?.key : undefined;
  const later = countdownKey
    ? engine.viewCard({ actor: ADA, cardKey: countdownKey, origin: ADMIN_ROOM })
    : null;
  if (later) add('Review: needs attention, read three weeks later', later);

  // A time-boxed approval ending within the digest's fortnight.
  await deps.store.update((state) => {
    const zoom = state.installs.zoom;
    if (zoom) zoom.endsAt = '2026-12-22T17:00:00Z';
  });
  add('Weekly digest', first(await say(ADA, 'digest', ADMIN_ROOM), 'list'));
  // Past thirty days without a decision the Jira request expires.
  await runRequestPass(deps, { now: clock.now() });
  const expired = outboxViews(bot, 'requestNotice').filter(
    (v) => v.kind === 'requestNotice' && v.integration.id === 'jira' && v.state === 'expired',
  );
  add('Admin request card (expired)', expired.at(-1) as View);
  const toldChen = deps.store
    .read()
    .outbox.filter((n) => n.target === chen.id)
    .map((n) => n.view as unknown as View);
  add('Expired request (requester DM)', first(toldChen.slice().reverse(), 'message'));
  add('My requests (expired)', first(await say(chen, 'my requests'), 'requestList'));
  // A new catalog asks for more for Zoom (on for all groups since the start): the admin card and `changes`.
  const zoomEntry = deps.catalog.find((e) => e.id === 'zoom');
  if (zoomEntry)
    zoomEntry.permissions = [
      ...zoomEntry.permissions.filter((p) => p !== 'Post link previews'),
      'Start and join meetings on behalf of the person posting',
      'Read the names and emails of everyone in the groups it is added to',
    ];
  await runPermissionPass(deps, { now: clock.now() });
  const asking = outboxViews(bot, 'message').filter(
    (v) => v.kind === 'message' && v.text.includes('asks for more'),
  );
  if (!asking.length) throw new Error('the permission pass queued no permission-change card');
  add('Permission change', asking.at(-1) as View);
  add('Permission changes', first(await say(ADA, 'changes'), 'list'));

  // The account still on classic Hangouts: `provider` and the notice sent once.
  await say(ADA, 'set provider hangouts', ADMIN_ROOM);
  add('Provider (retired)', first(await say(ADA, 'provider'), 'provider'));
  await runRetirementPass(deps, { now: clock.now() });
  const retired = outboxViews(bot, 'message').filter(
    (v) => v.kind === 'message' && v.text.includes('retired'),
  );
  add('Provider retirement notice', retired.at(-1) as View);

  // Several decided at once: one answer saying what was decided and what was not, and why.
  const pending = first(await say(ADA, 'requests'), 'requestList');
  const names =
    pending.kind === 'requestList' ? pending.items.slice(0, 2).map((i) => i.integration.name) : [];
  add(
    'Bulk decision answer',
    first(
      await say(ADA, `deny ${[...names, 'Dropbx'].join(', ')} because we already use SharePoint`),
      'message',
    ),
  );

  // A time-boxed approval: the step with its duration, the heads-up a week before the end, then the end.
  const [, , , emeka] = MEMBERS as [Actor, Actor, Actor, Actor];
  await say(emeka, 'request google drive anyway because the renewal playbooks are written there');
  add(
    'Approval step for 30 days',
    first(await say(ADA, 'approve google drive for all for 30 days', ADMIN_ROOM), 'permissions'),
  );
  await approve(bot, 'approve google drive for all for 30 days');
  const endsAt = deps.store.read().installs['google-drive']?.endsAt ?? '';
  clock.set(new Date(Date.parse(endsAt) - 7 * 86_400_000));
  await runTimeBoxPass(deps, { now: clock.now() });
  add('Time box: heads-up', outboxViews(bot, 'timeBoxNotice').at(-1) as View);
  clock.set(endsAt);
  await runTimeBoxPass(deps, { now: clock.now() });
  add('Time box: ended', outboxViews(bot, 'timeBoxNotice').at(-1) as View);
  const ended = outboxViews(bot, 'message').filter(
    (v) => v.kind === 'message' && v.text.includes('is off now'),
  );
  add('Time box: ended (requester DM)', ended.at(-1) as View);
  return cards.filter((c) => c.view);
}
