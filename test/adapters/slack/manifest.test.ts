import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { hostMatches } from '../../../src/domain/catalog.js';
import {
  BOT_EVENTS,
  BOT_SCOPES,
  buildSlackManifest,
  buildSocketModeManifest,
  unfurlDomains,
} from './slack-manifest.js';

const addFormats = addFormatsModule.default as unknown as (ajv: Ajv) => Ajv;
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const manifest = readJson('../../../manifest/slack/manifest.json');
const catalog = readJson('../../../catalog/integrations.json') as { integrations: { linkHosts: string[] }[] };
const hostsByIntegration = catalog.integrations.map((i) => i.linkHosts);

function validator() {
  // Major version 1 (the manifest's _metadata) is checked against schema 1.0.0.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(readJson('../../fixtures/schemas/slack-manifest-1.0.0.schema.json'));
}

describe('manifest/slack/manifest.json', () => {
  it("is valid against Slack's manifest schema for major version 1", () => {
    expect(manifest._metadata.major_version).toBe(1);
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('is what buildSlackManifest makes from the catalog with the placeholder URL', () => {
    expect(manifest).toEqual(
      buildSlackManifest({ publicUrl: 'https://bot.example.com', hostsByIntegration }),
    );
  });

  it('sends events, the slash command and interactivity to /slack/events', () => {
    const url = 'https://bot.example.com/slack/events';
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/integrations', url, should_escape: true }),
    ]);
  });

  it('asks for the bot scopes and events the channel uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('registers at most five unfurl domains, no wildcards, each matching a catalog host', () => {
    const domains: string[] = manifest.features.unfurl_domains;
    expect(domains.length).toBeLessThanOrEqual(5);
    for (const domain of domains) {
      expect(domain).not.toContain('*');
      expect(
        hostsByIntegration.flat().some((h) => hostMatches(h, domain) || h === domain || h === `*.${domain}`),
      ).toBe(true);
    }
  });
});

describe('unfurlDomains', () => {
  it('takes one domain per integration first, then the rest, without duplicates', () => {
    expect(unfurlDomains([['*.a.com', 'b.a.com'], ['c.com'], ['*.a.com']])).toEqual([
      'a.com',
      'c.com',
      'b.a.com',
    ]);
  });

  it('never returns more than five', () => {
    expect(unfurlDomains(Array.from({ length: 9 }, (_, i) => [`d${i}.com`]))).toHaveLength(5);
  });
});

it('builds URLs from PUBLIC_URL', () => {
  const m = buildSlackManifest({ publicUrl: 'https://bots.acme.test/', hostsByIntegration });
  expect(m.settings.event_subscriptions.request_url).toBe('https://bots.acme.test/slack/events');
});

describe('manifest/slack/manifest.socket-mode.json', () => {
  const socketMode = readJson('../../../manifest/slack/manifest.socket-mode.json');

  it("is valid against Slack's manifest schema and is what buildSocketModeManifest makes", () => {
    const validate = validator();
    expect(validate(socketMode), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(socketMode).toEqual(buildSocketModeManifest({ hostsByIntegration }));
  });

  it('turns Socket Mode on and names no request URL, with the same command, events, scopes and domains', () => {
    expect(socketMode.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socketMode)).not.toMatch(/https?:/);
    expect(socketMode.settings.interactivity).toEqual({ is_enabled: true });
    const { url: _url, ...command } = manifest.features.slash_commands[0];
    expect(socketMode.features.slash_commands).toEqual([command]);
    expect(socketMode.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
    expect(socketMode.oauth_config).toEqual(manifest.oauth_config);
    expect(socketMode.features.unfurl_domains).toEqual(manifest.features.unfurl_domains);
  });
});
