import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render-text.js';
import { renderBlocks } from '../../src/adapters/slack/blocks/index.js';
import { renderHome } from '../../src/adapters/slack/blocks/surfaces.js';
import { renderAdaptiveCard } from '../../src/adapters/teams/cards/index.js';
import type { DirectoryView, View } from '../../src/application/views/view.js';
import { allStrings, shown } from '../adapters/teams/cards/card-checks.js';
import { person } from '../fakes/core.js';
import { aDeadlineCore } from './deadlines/deadline-core.js';

const bea = person('bea');
const cy = person('cy');

/**
 * A directory with every state (docs/product.md#the-directory): SurveyMonkey turned off by its failed review on 1 Feb 2027
 * (deadline 3 May 2027), Zoom on for Sales, Dropbox off by an admin, Jira requested by two people,
 * the rest available.
 */
async function aDirectoryWithEveryState() {
  const core = await aDeadlineCore({ now: '2027-01-10T10:00:00Z' });
  for (const line of ['group create Sales', 'group Sales add console:bea']) await core.say(core.admin, line);
  await core.approve('SurveyMonkey');
  await core.say(core.admin, 'enable zoom for Sales');
  await core.say(core.admin, 'enable dropbox for all');
  core.clock.set('2027-01-20T10:00:00Z');
  await core.say(core.admin, 'disable dropbox');
  await core.say(bea, 'request jira because bugs');
  await core.say(cy, 'request jira because releases');
  await core.passAt('2027-02-01T00:00:00Z');
  core.clock.set('2027-02-10T10:00:00Z');
  const directory = async (who = core.admin) => {
    const [view] = await core.say(who, 'integrations');
    if (view?.kind !== 'directory') throw new Error(`integrations answered ${view?.kind}`);
    return view;
  };
  return { ...core, directory };
}

const entry = (view: DirectoryView, id: string) => view.items.find((i) => i.integration.id === id);

describe('the directory says what happened to each integration', () => {
  it('tells a review auto-disable apart from never enabled: when, why, and until when it can be kept', async () => {
    const core = await aDirectoryWithEveryState();
    const view = await core.directory();
    expect(entry(view, 'surveymonkey')).toMatchObject({
      state: 'review-disabled',
      status: 'Disabled on 1 Feb 2027 because its review did not pass — keep until 3 May 2027',
    });
    expect(core.store.read().installs.surveymonkey?.disabledAt).toBe('2027-02-01T00:00:00.000Z');
    expect(entry(view, 'box')).toMatchObject({ state: 'available', status: 'Available' });
  });

  it('shows on for which groups, off since when, requested by how many', async () => {
    const view = await (await aDirectoryWithEveryState()).directory();
    expect(entry(view, 'zoom')).toMatchObject({ state: 'on', status: 'On for Sales' });
    expect(entry(view, 'dropbox')).toMatchObject({
      state: 'off',
      status: 'Off since 20 Jan 2027 (was on for all groups)',
    });
    expect(entry(view, 'jira')).toMatchObject({ state: 'requested', status: 'Requested by 2 people' });
  });

  it('lists what needs a decision first and what is free last', async () => {
    const view = await (await aDirectoryWithEveryState()).directory();
    const states = view.items.map((i) => i.state);
    expect(states[0]).toBe('review-disabled');
    expect(states.at(-1)).toBe('available');
    expect(states.indexOf('on')).toBeLessThan(states.indexOf('requested'));
  });

  it('offers an admin Keep until the deadline on an auto-disabled entry, and a member no such thing', async () => {
    const core = await aDirectoryWithEveryState();
    const forAdmin = entry(await core.directory(), 'surveymonkey');
    expect(forAdmin?.actions[0]).toMatchObject({
      verb: 'keepIntegration',
      label: 'Keep until 3 May',
      data: { integrationId: 'surveymonkey' },
    });
    const forMember = entry(await core.directory(bea), 'surveymonkey');
    expect(forMember?.actions.map((a) => a.verb)).not.toContain('keepIntegration');
    expect(entry(await core.directory(bea), 'zoom')?.status).toBe('On for Sales (yours among them)');
  });

  it('keeps the entry on once an admin keeps it from the directory', async () => {
    const core = await aDirectoryWithEveryState();
    const keep = entry(await core.directory(), 'surveymonkey')?.actions[0];
    await core.engine.handleAction({
      actor: core.admin,
      origin: { conversationId: core.admin.id, kind: 'personal' },
      verb: String(keep?.verb),
      data: keep?.data,
    });
    expect(entry(await core.directory(), 'surveymonkey')).toMatchObject({
      state: 'on',
      status: 'On for all groups',
    });
    expect(core.store.read().installs.surveymonkey?.disabledAt).toBeNull();
  });

  it('says disabled for good once the deadline has passed, with no Keep', async () => {
    const core = await aDirectoryWithEveryState();
    await core.passAt('2027-05-03T00:00:00Z');
    const shownEntry = entry(await core.directory(), 'surveymonkey');
    expect(shownEntry).toMatchObject({
      state: 'review-disabled',
      status: 'Disabled for good on 3 May 2027 because its review did not pass',
    });
    expect(shownEntry?.actions.map((a) => a.verb)).not.toContain('keepIntegration');
  });

  it('shows every state on Teams, in Slack (message and App Home) and in the console', async () => {
    const view: View = await (await aDirectoryWithEveryState()).directory();
    const sentences = [
      'Disabled on 1 Feb 2027 because its review did not pass — keep until 3 May 2027',
      'On for Sales',
      'Off since 20 Jan 2027 (was on for all groups)',
      'Requested by 2 people',
    ];
    const teams = allStrings(renderAdaptiveCard(view, { cardKey: null }))
      .map(shown)
      .join('\n');
    const slack = JSON.stringify(renderBlocks(view).blocks);
    const home = JSON.stringify(renderHome([view]).blocks);
    const text = renderText(view);
    for (const sentence of sentences) {
      expect(teams).toContain(sentence);
      expect(slack).toContain(sentence);
      expect(home).toContain(sentence);
      expect(text).toContain(sentence);
    }
    // Available entries: one line of names on Teams, their own rows elsewhere.
    expect(teams).toMatch(/Available \(\d+\)/);
    expect(slack).toContain('Box');
  });
});
