import { describe, expect, it } from 'vitest';
import { VERBS } from '../../../src/application/views/view.js';
import { ada, adminsChannel, aTimeBoxCore } from './time-box-core.js';

describe('approving, enabling and extending for a time', () => {
  it('offers the typed duration on the approval step and stores the end when Add is pressed', async () => {
    const core = await aTimeBoxCore();
    await core.say(ada, 'request jira because bugs');
    const { step, pressed } = await core.approve('approve jira for Sales for 90 days');
    const add = step?.kind === 'permissions' ? step.actions[0] : undefined;
    expect(add).toMatchObject({
      verb: VERBS.confirmApprove,
      data: { scope: expect.stringMatching(/^groups:/) },
    });
    expect(add?.inputs).toEqual([
      {
        id: 'ends',
        kind: 'choice',
        label: 'On until',
        required: false,
        value: 'days:90',
        choices: [
          { value: 'none', title: 'No end' },
          { value: 'days:30', title: '30 days' },
          { value: 'days:90', title: '90 days' },
          { value: 'days:365', title: '1 year' },
        ],
      },
    ]);
    expect(pressed?.refused).toBe(false);
    expect(core.store.read().installs.jira).toMatchObject({
      status: 'enabled',
      endsAt: '2027-04-02T00:00:00.000Z',
    });
    expect(core.textOf(pressed?.views ?? [])).toContain('for Sales until 1 Apr 2027');
    expect(core.textOf(core.messagesTo(ada.id))).toContain('Admin approved Jira for Sales until 1 Apr 2027.');
    expect(core.audit.entries.at(-1)?.details).toContain('until 2027-04-01');
  });

  it('lets the choice on the step override what was typed, and "none" leave it open-ended', async () => {
    const core = await aTimeBoxCore();
    await core.say(ada, 'request jira');
    await core.approve('approve jira for Sales for 90 days', 'days:30');
    expect(core.store.read().installs.jira?.endsAt).toBe('2027-02-01T00:00:00.000Z');

    await core.say(ada, 'request zoom');
    await core.approve('approve zoom for Sales for 90 days', 'none');
    expect(core.store.read().installs.zoom?.endsAt).toBeNull();
  });

  it('approves with no end when nothing is typed or chosen', async () => {
    const core = await aTimeBoxCore();
    await core.say(ada, 'request jira');
    const { step } = await core.approve('approve jira for Sales');
    expect(step?.kind === 'permissions' ? step.actions[0]?.inputs?.[0] : null).toMatchObject({
      value: 'none',
    });
    expect(core.store.read().installs.jira).toMatchObject({ status: 'enabled', endsAt: null });
  });

  it('offers a typed date as its own choice', async () => {
    const core = await aTimeBoxCore();
    await core.say(ada, 'request zoom');
    const { step } = await core.approve('approve zoom for all until 2027-03-31');
    const field = step?.kind === 'permissions' ? step.actions[0]?.inputs?.[0] : undefined;
    expect(field).toMatchObject({ value: 'until:2027-03-31' });
    expect(field?.kind === 'choice' ? field.choices.at(-1) : null).toEqual({
      value: 'until:2027-03-31',
      title: 'Until 31 Mar 2027',
    });
    expect(core.store.read().installs.zoom?.endsAt).toBe('2027-04-01T00:00:00.000Z');
  });

  it('enables until a date in the account time zone and says so', async () => {
    const core = await aTimeBoxCore({ timeZone: 'Europe/Paris' });
    const views = await core.say(core.admin, 'enable zoom for all until 2027-03-31');
    expect(core.textOf(views)).toContain('Zoom is enabled for all groups until 31 Mar 2027.');
    expect(core.store.read().installs.zoom?.endsAt).toBe('2027-03-31T22:00:00.000Z');
    const directory = core.textOf(await core.say(core.admin, 'integrations'));
    expect(directory).toContain('On for all groups until 31 Mar 2027');
  });

  it('refuses a past date, a zero or absurd duration from a card, and changes nothing', async () => {
    const core = await aTimeBoxCore();
    const past = await core.say(core.admin, 'enable zoom for all until 2026-12-31');
    expect(past[0]).toMatchObject({ kind: 'message', tone: 'error' });
    expect(core.textOf(past)).toContain('That date has passed');
    expect(core.store.read().installs.zoom).toBeUndefined();

    await core.say(ada, 'request jira');
    const stale = await core.say(core.admin, 'approve jira for Sales until 2026-12-01');
    expect(core.textOf(stale)).toContain('That date has passed');

    const zero = await core.approve('approve jira for Sales', 'days:0');
    expect(zero.pressed).toMatchObject({ refused: true });
    expect(core.textOf(zero.pressed?.views ?? [])).toContain('at least 1 day');
    const absurd = await core.approve('approve jira for Sales', 'days:99999');
    expect(core.textOf(absurd.pressed?.views ?? [])).toContain('at most 1826 days');
    const forged = await core.approve('approve jira for Sales', 'forever');
    expect(forged.pressed).toMatchObject({ refused: true });
    expect(core.store.read().installs.jira).toBeUndefined();
    expect(core.store.read().requests[Object.keys(core.store.read().requests)[0] ?? '']?.state).toBe('open');
  });

  it('refuses members who try to approve or extend, changing nothing', async () => {
    const core = await aTimeBoxCore();
    await core.say(core.admin, 'enable zoom for all for 30 days');
    const before = JSON.stringify(core.store.read().installs);
    const approve = await core.say(ada, 'approve zoom for all for 90 days');
    expect(core.textOf(approve)).toContain('Only system admins can approve integrations');
    const extend = await core.say(ada, 'extend zoom by 30 days');
    expect(core.textOf(extend)).toContain('Only system admins can extend time-boxed integrations');
    const card = await core.engine.handleAction({
      actor: ada,
      origin: adminsChannel,
      verb: VERBS.extendTimeBox,
      data: { integrationId: 'zoom', endsAt: core.store.read().installs.zoom?.endsAt ?? '' },
      inputs: { ends: 'days:365' },
    });
    expect(card.refused).toBe(true);
    expect(JSON.stringify(core.store.read().installs)).toBe(before);
  });

  it('extends by days from the current end, or to a later date, and audits it', async () => {
    const core = await aTimeBoxCore();
    await core.say(core.admin, 'enable zoom for all until 2027-03-31');
    const by = await core.say(core.admin, 'extend zoom by 30 days');
    expect(core.textOf(by)).toContain('Zoom now stays on until 30 Apr 2027 (it was until 31 Mar 2027).');
    expect(core.store.read().installs.zoom?.endsAt).toBe('2027-05-01T00:00:00.000Z');
    expect(core.audit.entries.at(-1)).toMatchObject({
      action: 'time-box-extended',
      details: 'until 2027-03-31 → until 2027-04-30 (ends 2027-05-01T00:00:00.000Z)',
    });
    await core.say(core.admin, 'extend zoom until 2027-06-30');
    expect(core.store.read().installs.zoom?.endsAt).toBe('2027-07-01T00:00:00.000Z');
  });

  it('refuses an extension that is not later, too long, or of an integration with no end', async () => {
    const core = await aTimeBoxCore();
    await core.say(core.admin, 'enable zoom for all until 2027-03-31');
    const earlier = await core.say(core.admin, 'extend zoom until 2027-03-01');
    expect(core.textOf(earlier)).toContain('It already runs until 31 Mar 2027');
    const long = await core.say(core.admin, 'extend zoom until 2032-06-30');
    expect(core.textOf(long)).toContain('at most 1826 days');
    expect(core.store.read().installs.zoom?.endsAt).toBe('2027-04-01T00:00:00.000Z');

    await core.say(core.admin, 'enable jira for all');
    const open = await core.say(core.admin, 'extend jira by 30 days');
    expect(core.textOf(open)).toContain('Jira is not on with an end date');
    const never = await core.say(core.admin, 'extend dropbox by 30 days');
    expect(core.textOf(never)).toContain('Dropbox is not on with an end date');
    expect(core.store.read().installs.jira?.endsAt).toBeNull();
  });

  it('re-enabling without a time box lifts the old one', async () => {
    const core = await aTimeBoxCore();
    await core.say(core.admin, 'enable zoom for all for 30 days');
    await core.say(core.admin, 'enable zoom for Sales');
    expect(core.store.read().installs.zoom).toMatchObject({ status: 'enabled', endsAt: null });
  });
});
