import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has working defaults for the embedded set-up', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      dataDir: './data',
      databaseUrl: null,
      publicUrl: 'http://localhost:3978',
      plan: 'business',
      timeZone: 'UTC',
      reminderDays: [30, 7, 1],
      digest: { kind: 'weekly', weekday: 1, hour: 9, minute: 0 },
      requestDelays: {
        remindAfterMs: 2 * 86_400_000,
        escalateAfterMs: 5 * 86_400_000,
        expireAfterMs: 30 * 86_400_000,
      },
      teams: { appId: null },
      slack: { signingSecret: null, apiUrl: null },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '4000',
      DATA_DIR: '/tmp/x',
      PUBLIC_URL: 'https://bot.example.com/',
      ADMINS: 'slack:U1, teams:abc ,console:ada',
      ACCOUNT_PLAN: 'enterprise',
      TIMEZONE: 'Europe/Paris',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'pw',
      MicrosoftAppTenantId: 'tenant',
      MicrosoftAppType: 'SingleTenant',
      SLACK_SIGNING_SECRET: 's',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      O365_CLIENT_ID: 'client',
      STATE_SECRET: 'a-long-enough-secret',
      CATALOG_FILE: '/tmp/catalog.json',
      REMINDER_DAYS: '1,30,7,7',
      DIGEST: 'daily 08:30',
    });
    expect(config).toMatchObject({
      port: 4000,
      publicUrl: 'https://bot.example.com',
      admins: ['slack:U1', 'teams:abc', 'console:ada'],
      plan: 'enterprise',
      timeZone: 'Europe/Paris',
      teams: { appId: 'app', appPassword: 'pw', tenantId: 'tenant', appType: 'SingleTenant' },
      slack: { signingSecret: 's', botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9999/api/' },
      reminderDays: [30, 7, 1],
      digest: { kind: 'daily', hour: 8, minute: 30 },
    });
  });

  it('reads DIGEST off and weekly on another day', () => {
    expect(loadConfig({ DIGEST: 'off' }).digest).toEqual({ kind: 'off' });
    expect(loadConfig({ DIGEST: 'weekly friday 16:00' }).digest).toEqual({
      kind: 'weekly',
      weekday: 5,
      hour: 16,
      minute: 0,
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /^Invalid PORT \(got "eighty"\): expected/],
    [{ PORT: '70000' }, /^Invalid PORT/],
    [{ ACCOUNT_PLAN: 'gold' }, /^Invalid ACCOUNT_PLAN \(got "gold"\)/],
    [{ TIMEZONE: 'Mars/Olympus' }, /^Invalid TIMEZONE.*IANA time zone/],
    [{ ADMINS: 'ada' }, /^Invalid ADMINS.*slack:U123/],
    [{ ADMINS: `teams:${'x'.repeat(401)}` }, /^Invalid ADMINS.*at most 400 characters after the prefix/],
    [{ PUBLIC_URL: 'bot.example.com' }, /^Invalid PUBLIC_URL/],
    [
      { MicrosoftAppId: 'x' },
      /^Invalid MicrosoftAppPassword: expected the app client secret when MicrosoftAppId is set/,
    ],
    [
      { MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'x', MicrosoftAppPassword: 'y' },
      /^Invalid MicrosoftAppTenantId/,
    ],
    [{ REMINDER_DAYS: '30,soon' }, /^Invalid REMINDER_DAYS/],
    [
      { DIGEST: 'weekly someday 09:00' },
      /^Invalid DIGEST \(got "weekly someday 09:00"\): expected "weekly <day> HH:MM" \(weekly mon 09:00\), "daily HH:MM" \(daily 09:00\) or "off"$/,
    ],
    [{ DIGEST: 'daily 25:00' }, /^Invalid DIGEST \(got "daily 25:00"\)/],
    [{ DIGEST: 'hourly' }, /^Invalid DIGEST/],
    [
      { REQUEST_REMIND_AFTER: '2 days' },
      /^Invalid REQUEST_REMIND_AFTER \(got "2 days"\): expected a delay such as 30m, 12h or 2d/,
    ],
    [{ REQUEST_ESCALATE_AFTER: '0h' }, /^Invalid REQUEST_ESCALATE_AFTER/],
    [{ REQUEST_EXPIRE_AFTER: 'soon' }, /^Invalid REQUEST_EXPIRE_AFTER/],
    [{ REQUEST_EXPIRE_AFTER: '3651d' }, /^Invalid REQUEST_EXPIRE_AFTER \(got "3651d"\): .*at most 3650d/],
    [
      { REQUEST_REMIND_AFTER: '6d' },
      /^Invalid REQUEST_ESCALATE_AFTER: expected a delay longer than REQUEST_REMIND_AFTER$/,
    ],
    [
      { REQUEST_EXPIRE_AFTER: '4d' },
      /^Invalid REQUEST_EXPIRE_AFTER \(got "4d"\): expected a delay longer than REQUEST_ESCALATE_AFTER$/,
    ],
    [{ HOST: 'bot.example.com' }, /^Invalid HOST \(got "bot.example.com"\): expected an IP address/],
    [{ HOST: '127.0.0.1:80' }, /^Invalid HOST/],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, /^Invalid SLACK_SIGNING_SECRET: expected the signing secret/],
    [
      { SLACK_APP_TOKEN: 'xoxb-not-an-app-token', SLACK_BOT_TOKEN: 'xoxb-1' },
      /^Invalid SLACK_APP_TOKEN: expected an app-level token starting with xapp-/,
    ],
    [{ SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' }, /^Invalid SLACK_BOT_TOKEN: expected the bot token/],
  ])('stops on %o with one line naming the variable', (env, expected) => {
    expect(() => loadConfig(env)).toThrow(expected);
  });

  it('reads the request delays in minutes, hours or days', () => {
    const config = loadConfig({
      REQUEST_REMIND_AFTER: '90m',
      REQUEST_ESCALATE_AFTER: '12h',
      REQUEST_EXPIRE_AFTER: '3d',
    });
    expect(config.requestDelays).toEqual({
      remindAfterMs: 90 * 60_000,
      escalateAfterMs: 12 * 3_600_000,
      expireAfterMs: 3 * 86_400_000,
    });
  });

  it('reads the delivery claim lease in seconds or minutes, from 10s to 60m', () => {
    expect(loadConfig({}).deliveryClaimLeaseMs).toBe(5 * 60_000);
    expect(loadConfig({ DELIVERY_CLAIM_LEASE: '15s' }).deliveryClaimLeaseMs).toBe(15_000);
    expect(loadConfig({ DELIVERY_CLAIM_LEASE: ' 2m ' }).deliveryClaimLeaseMs).toBe(120_000);
    for (const bad of ['9s', '61m', '0m', '5', '1h', 'soon'])
      expect(() => loadConfig({ DELIVERY_CLAIM_LEASE: bad })).toThrow(
        `Invalid DELIVERY_CLAIM_LEASE (got "${bad}"): expected seconds or minutes from 10s to 60m`,
      );
  });

  it('listens on every interface unless HOST names one', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: ' 127.0.0.1 ' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
  });

  it('keeps the state in PostgreSQL with DATABASE_URL, refusing one that cannot name a database without showing it', () => {
    expect(loadConfig({ DATABASE_URL: ' postgres://bot:pw@db.internal:5432/bot ' }).databaseUrl).toBe(
      'postgres://bot:pw@db.internal:5432/bot',
    );
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_URL: 'mysql://bot:hunter2@db/bot' })).toThrow(
      /^Invalid DATABASE_URL: expected a postgres:\/\/user:password@host:5432\/db URL \(it must start with postgres:\/\/ or postgresql:\/\/ \(got mysql:\/\/…\)\)$/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://bot:hunter2@db.internal' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('never echoes a secret in its message', () => {
    expect(() => loadConfig({ STATE_SECRET: 'short-secret' })).toThrow(
      /^Invalid STATE_SECRET: expected at least 16 characters$/,
    );
    const appToken = 'xoxp-a-user-token-pasted-by-mistake';
    expect(() => loadConfig({ SLACK_APP_TOKEN: appToken, SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining(appToken) }),
    );
  });

  it('serves Slack over Socket Mode with an app token, the signing secret then optional', () => {
    const config = loadConfig({ SLACK_APP_TOKEN: ' xapp-1-A0001-1234-abcdef ', SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(config.slack).toMatchObject({
      appToken: 'xapp-1-A0001-1234-abcdef',
      botToken: 'xoxb-1',
      signingSecret: null,
    });
    expect(loadConfig({}).slack.appToken).toBeNull();
  });
});
