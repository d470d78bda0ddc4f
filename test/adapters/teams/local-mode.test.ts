import type restify from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isLoopbackAddress,
  isLoopbackUrl,
  localModeRefusal,
} from '../../../src/adapters/teams/local-mode.js';
import { ADA, messageActivity } from './activities.js';
import { type Harness, startHarness } from './harness.js';

describe('isLoopbackAddress', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('takes %s as this machine', (ip) => {
    expect(isLoopbackAddress(ip)).toBe(true);
  });
  it.each([
    '10.0.0.5',
    '192.168.1.2',
    '0.0.0.0',
    '::',
    '::ffff:10.0.0.1',
    '128.0.0.1',
    'localhost',
    '',
    undefined,
  ])('takes %s as another machine', (ip) => {
    expect(isLoopbackAddress(ip)).toBe(false);
  });
});

describe('isLoopbackUrl', () => {
  it.each([
    'http://127.0.0.1:3979/',
    'http://localhost:1/x',
    'http://[::1]:80/',
    'http://127.1:9/',
    'http://LOCALHOST/',
  ])('replies to %s', (url) => {
    expect(isLoopbackUrl(url)).toBe(true);
  });
  it.each([
    'http://0.0.0.0:3979/',
    'http://[::]:3979/',
    'https://smba.trafficmanager.net/emea/',
    'http://localhost.evil.example/',
    'http://127.0.0.1.nip.io/',
    'http://10.0.0.1/',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
  });
});

describe('localModeRefusal', () => {
  it('refuses a peer on another machine, and a serviceUrl elsewhere', () => {
    expect(localModeRefusal({ remoteAddress: '203.0.113.7' })).toMatch(/only requests from this machine/);
    expect(localModeRefusal({ remoteAddress: '127.0.0.1', serviceUrl: 'http://0.0.0.0:1/' })).toMatch(
      /serviceUrl/,
    );
    expect(localModeRefusal({ remoteAddress: '::1', serviceUrl: 'http://127.0.0.1:1/' })).toBeNull();
  });
});

// The peer address is injected before routing (the test never sends traffic off this machine): a request
// carrying x-test-peer is seen by the route as coming from that address.
const spoofPeer: restify.RequestHandler = (req, _res, next) => {
  const peer = req.headers['x-test-peer'];
  // Connections are reused: each request sets, or removes, its own override.
  if (typeof peer === 'string')
    Object.defineProperty(req.socket, 'remoteAddress', { value: peer, configurable: true });
  else Reflect.deleteProperty(req.socket, 'remoteAddress');
  next();
};

describe('POST /api/messages in local mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { pre: spoofPeer });
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers 403 to a peer on another machine, reading nothing and replying nothing', async () => {
    const activity = messageActivity({
      serviceUrl: h.connector.serviceUrl,
      from: ADA,
      text: 'admin add @Mallory',
    });
    const res = await h.post(activity, { 'x-test-peer': '203.0.113.7' });
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain('only requests from this machine');
    expect(h.engine.texts).toEqual([]);
    expect(h.engine.addresses.size).toBe(0);
    expect(h.connector.calls).toEqual([]);
  });

  it('answers an IPv4-mapped loopback peer', async () => {
    const activity = messageActivity({ serviceUrl: h.connector.serviceUrl, from: ADA, text: 'help' });
    const res = await h.post(activity, { 'x-test-peer': '::ffff:127.0.0.1' });
    expect(res.status).toBe(200);
    expect(h.engine.texts.map((t) => t.text)).toEqual(['help']);
  });

  it('refuses a serviceUrl off loopback before any outbound call (0.0.0.0 included)', async () => {
    const before = h.engine.texts.length;
    const calls = h.connector.calls.length;
    const port = new URL(h.connector.serviceUrl).port;
    const activity = messageActivity({ serviceUrl: `http://0.0.0.0:${port}/`, from: ADA, text: 'help' });
    const res = await h.post(activity);
    expect(res.status).toBe(403);
    expect(JSON.stringify(res.body)).toContain('serviceUrl');
    expect(h.engine.texts.length).toBe(before);
    expect(h.connector.calls.length).toBe(calls);
  });
});
