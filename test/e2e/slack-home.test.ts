import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appHomeOpened, blockActions, eventCallback } from '../adapters/slack/payloads.js';
import { ADMIN, buttonsOf, MEMBER, type SlackBot, startSlackBot } from './slack-harness.js';

/** App Home through the real bot: the admin dashboard, the member's home, and Request from it. */
let s: SlackBot;
beforeAll(async () => {
  s = await startSlackBot();
  await s.slash(MEMBER, 'request dropbox because shared folders');
});
afterAll(() => s.close());
afterEach(() => {
  expect(s.newLimitProblems()).toEqual([]);
});

type HomeView = { type: string; blocks: unknown[] };

/** Opens the Home tab as `user` and returns the view the bot published for them. */
async function openHome(user: string, count = 1): Promise<HomeView> {
  await s.send({ json: eventCallback(appHomeOpened({ user, channel: `D0${user}` })) });
  const published = await s.api.waitFor('views.publish', count);
  const mine = published.filter((p) => p.args.user_id === user);
  return mine[mine.length - 1]?.args.view as HomeView;
}

describe('App Home', () => {
  it('shows an admin the pending requests with their actions', async () => {
    s.api.reset();
    const home = await openHome(ADMIN);
    expect(home.type).toBe('home');
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('Pending requests');
    expect(text).toContain('Dropbox');
    const verbs = buttonsOf(home.blocks).map((b) => b.verb);
    expect(verbs).toContain('approveRequest');
    expect(verbs).toContain('denyRequest');
  });

  it('shows a member their requests and the directory with Request buttons', async () => {
    s.api.reset();
    const home = await openHome(MEMBER);
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('Your requests');
    expect(text).toContain('Integration directory');
    const verbs = buttonsOf(home.blocks).map((b) => b.verb);
    expect(verbs).toContain('requestIntegration');
    expect(verbs).not.toContain('approveRequest');
  });

  it('files a request clicked on the Home tab and publishes the home again', async () => {
    s.api.reset();
    const home = await openHome(MEMBER);
    const zoom = buttonsOf(home.blocks).find(
      (b) => b.verb === 'requestIntegration' && b.data.integrationId === 'zoom',
    );
    expect(zoom).toBeDefined();
    const click = blockActions({
      user: MEMBER,
      button: zoom as { action_id: string; value: string },
      container: 'view',
      blocks: home.blocks,
    });
    expect((await s.click(click)).status).toBe(200);
    const again = await openHomeRepublished(MEMBER);
    const requests = Object.values(s.bot.core.deps.store.read().requests);
    expect(requests.find((r) => r.integrationId === 'zoom')?.state).toBe('open');
    expect(yourRequests(home)).not.toContain('Zoom');
    expect(yourRequests(again)).toContain('Zoom');
    expect(yourRequests(again)).toContain('Dropbox');
  });

  it('ignores app_home_opened for the Messages tab', async () => {
    s.api.reset();
    const event = { ...appHomeOpened({ user: MEMBER, channel: 'D0MEMBER' }), tab: 'messages' };
    expect((await s.send({ json: eventCallback(event) })).status).toBe(200);
    await openHome(ADMIN);
    expect(s.api.callsTo('views.publish').map((p) => p.args.user_id)).toEqual([ADMIN]);
  });
});

/** The "Your requests" part of a member's home, as text. */
function yourRequests(home: HomeView): string {
  const text = JSON.stringify(home.blocks);
  return text.slice(text.indexOf('Your requests'), text.indexOf('Integration directory'));
}

/** The next home published for `user` after the one already recorded. */
async function openHomeRepublished(user: string): Promise<HomeView> {
  const published = await s.api.waitForMatch(
    'views.publish',
    (c) => c.args.user_id === user && s.api.callsTo('views.publish').indexOf(c) > 0,
  );
  return published.args.view as HomeView;
}
