import { describe, expect, it } from 'vitest';
import { requestIntegration } from '../../src/application/use-cases/request-integration.js';
import { runRequestPass } from '../../src/application/use-cases/run-request-pass.js';
import { useAlternative } from '../../src/application/use-cases/use-alternative.js';
import { aCore, dm, person } from '../fakes/core.js';

const ada = person('ada');
const eve = person('eve');
const box = { id: 'box', name: 'Box', vendor: 'Box' };
const dropbox = { id: 'dropbox', name: 'Dropbox', vendor: 'Dropbox' };

/** Ada in Sales, Eve in Eng; Dropbox on for Sales only. */
async function dropboxForSales() {
  const core = await aCore();
  await core.say(core.admin, 'group create Sales');
  await core.say(core.admin, 'group create Eng');
  await core.say(core.admin, 'group Sales add console:ada');
  await core.say(core.admin, 'group Eng add console:eve');
  await core.say(core.admin, 'enable dropbox for Sales');
  return core;
}

describe('requestIntegration with suggested alternatives', () => {
  it('answers with the one of the same category on for the asker’s group, and files nothing', async () => {
    const core = await dropboxForSales();
    const outbox = core.store.read().outbox.length;
    const r = await requestIntegration(core.deps, {
      actor: ada,
      integration: 'box',
      reason: 'clients use Box',
    });
    expect(r).toEqual({
      ok: true,
      result: 'alternative',
      integration: box,
      alternative: dropbox,
      scope: { kind: 'groups', groups: ['Sales'] },
      reason: 'clients use Box',
    });
    expect(core.store.read().requests).toEqual({});
    expect(core.store.read().outbox).toHaveLength(outbox);
    expect(core.store.read().personRequests[ada.id]).toBeUndefined();
  });

  it('files as usual for someone whose groups do not have it', async () => {
    const core = await dropboxForSales();
    expect(
      await requestIntegration(core.deps, { actor: eve, integration: 'box', reason: null }),
    ).toMatchObject({
      ok: true,
      result: 'filed',
    });
  });

  it('files with "anyway", keeping the reason', async () => {
    const core = await dropboxForSales();
    const r = await requestIntegration(core.deps, {
      actor: ada,
      integration: 'box',
      reason: 'clients use Box',
      anyway: true,
    });
    expect(r).toMatchObject({ ok: true, result: 'filed', integration: box });
    const [request] = Object.values(core.store.read().requests);
    expect(request?.requesters).toEqual([
      expect.objectContaining({ personId: ada.id, reason: 'clients use Box' }),
    ]);
  });

  it('offers one on for all groups to anyone, and none for a category nobody has on', async () => {
    const core = await aCore();
    await core.say(core.admin, 'enable zoom for all');
    expect(
      await requestIntegration(core.deps, { actor: eve, integration: 'bluejeans', reason: null }),
    ).toMatchObject({
      result: 'alternative',
      alternative: { id: 'zoom' },
      scope: { kind: 'all' },
    });
    expect(
      await requestIntegration(core.deps, { actor: eve, integration: 'jira', reason: null }),
    ).toMatchObject({
      result: 'filed',
    });
  });

  it('does not offer an alternative to someone who already asked: they update their request', async () => {
    const core = await dropboxForSales();
    await requestIntegration(core.deps, { actor: ada, integration: 'box', reason: null, anyway: true });
    expect(
      await requestIntegration(core.deps, { actor: ada, integration: 'box', reason: 'now with a reason' }),
    ).toEqual({
      ok: true,
      result: 'asked-before',
      integration: box,
      reasonUpdated: true,
    });
  });

  it('refuses a blocked integration before offering anything', async () => {
    const core = await dropboxForSales();
    await core.say(core.admin, 'block box because we use Dropbox');
    expect(
      await requestIntegration(core.deps, { actor: ada, integration: 'box', reason: null }),
    ).toMatchObject({
      ok: false,
      reason: 'integration-blocked',
    });
  });

  it('offers both choices as buttons, the second carrying the reason, and the command to type', async () => {
    const core = await dropboxForSales();
    const [offer] = await core.say(ada, 'request box because clients use Box');
    expect(offer).toMatchObject({
      kind: 'message',
      text: 'Dropbox is already on for Sales — use it, or still ask for Box?',
      lines: ['To still ask, say: request box anyway because clients use Box'],
      actions: [
        { verb: 'useAlternative', label: 'Use Dropbox', data: { integrationId: 'dropbox' } },
        {
          verb: 'requestIntegration',
          label: 'Still ask for Box',
          data: { integrationId: 'box', anyway: 'yes' },
        },
      ],
    });
    expect(core.store.read().offeredReasons).toEqual({
      'box console:ada': { reason: 'clients use Box', at: '2026-11-22T10:42:00.000Z' },
    });
  });

  it('drops a reason left waiting for "Still ask" after 30 days, and keeps it until then', async () => {
    const core = await dropboxForSales();
    await core.say(ada, 'request box because clients use Box');
    await core.say(eve, 'request box because shared drives');
    const kept = () => Object.keys(core.store.read().offeredReasons);
    await runRequestPass(core.deps, { now: new Date('2026-12-22T10:41:00Z') });
    expect(kept()).toEqual(['box console:ada']);
    await runRequestPass(core.deps, { now: new Date('2026-12-22T10:43:00Z') });
    expect(kept()).toEqual([]);
  });

  it('"Still ask" files the request with the reason kept; "Use" files nothing', async () => {
    const core = await dropboxForSales();
    await core.say(ada, 'request box because clients use Box');
    const use = await core.engine.handleAction({
      actor: ada,
      origin: dm(ada),
      verb: 'useAlternative',
      data: { integrationId: 'dropbox' },
    });
    expect(use).toMatchObject({
      refused: false,
      card: {
        kind: 'message',
        text: 'Dropbox is on for Sales, so you can use it now. Nothing was requested.',
      },
    });
    expect(core.store.read().requests).toEqual({});
    const still = await core.engine.handleAction({
      actor: ada,
      origin: dm(ada),
      verb: 'requestIntegration',
      data: { integrationId: 'box', anyway: 'yes' },
    });
    expect(still).toMatchObject({ refused: false, card: { kind: 'requestReceipt', joined: false } });
    const [request] = Object.values(core.store.read().requests);
    expect(request?.requesters[0]).toMatchObject({ personId: ada.id, reason: 'clients use Box' });
    expect(core.store.read().offeredReasons).toEqual({});
  });

  it('keeps only the latest offer’s reason, per person, and a typed "anyway" reason wins', async () => {
    const core = await dropboxForSales();
    await core.say(ada, 'request box because first');
    await core.say(ada, 'request box');
    expect(core.store.read().offeredReasons).toEqual({});
    await core.say(ada, 'request box because second');
    await core.say(ada, 'request box anyway because typed');
    const [request] = Object.values(core.store.read().requests);
    expect(request?.requesters[0]).toMatchObject({ reason: 'typed' });
    expect(core.store.read().offeredReasons).toEqual({});
  });

  it('files with the kept reason when "request box anyway" is typed without one', async () => {
    const core = await dropboxForSales();
    await core.say(ada, 'request box because clients use Box');
    const [receipt] = await core.say(ada, 'request box anyway');
    expect(receipt).toMatchObject({ kind: 'requestReceipt' });
    const [request] = Object.values(core.store.read().requests);
    expect(request?.requesters[0]).toMatchObject({ reason: 'clients use Box' });
  });

  it('takes the reason from the store, never from the click, and refuses an unknown flag', async () => {
    const core = await dropboxForSales();
    await core.say(ada, 'request box because clients use Box');
    const forged = await core.engine.handleAction({
      actor: ada,
      origin: dm(ada),
      verb: 'requestIntegration',
      data: { integrationId: 'box', anyway: 'maybe' },
    });
    expect(forged.refused).toBe(true);
    expect(core.store.read().requests).toEqual({});
    await core.engine.handleAction({
      actor: ada,
      origin: dm(ada),
      verb: 'requestIntegration',
      data: { integrationId: 'box', anyway: 'yes', reason: 'smuggled' },
    });
    const [request] = Object.values(core.store.read().requests);
    expect(request?.requesters[0]).toMatchObject({ reason: 'clients use Box' });
  });

  it('refuses an unknown flag on a fresh core, filing nothing', async () => {
    const core = await dropboxForSales();
    const odd = await core.engine.handleAction({
      actor: ada,
      origin: dm(ada),
      verb: 'requestIntegration',
      data: { integrationId: 'box', anyway: 'maybe' },
    });
    expect(odd.refused).toBe(true);
    expect(core.store.read().requests).toEqual({});
  });
});

describe('useAlternative', () => {
  it('says where it is on for the asker and what it does', async () => {
    const core = await dropboxForSales();
    expect(useAlternative(core.deps, { actor: ada, integration: 'dropbox' })).toMatchObject({
      ok: true,
      integration: dropbox,
      scope: { kind: 'groups', groups: ['Sales'] },
    });
  });

  it('says it is no longer on when it was turned off since, or is not on for the clicker', async () => {
    const core = await dropboxForSales();
    expect(useAlternative(core.deps, { actor: eve, integration: 'dropbox' })).toEqual({
      ok: false,
      reason: 'integration-gone',
    });
    await core.say(core.admin, 'disable dropbox');
    expect(useAlternative(core.deps, { actor: ada, integration: 'dropbox' })).toEqual({
      ok: false,
      reason: 'integration-gone',
    });
  });
});
