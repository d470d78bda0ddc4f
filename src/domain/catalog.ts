import { z } from 'zod';

export const ReviewState = z.enum(['passed', 'pending', 'failed']);
export type ReviewState = z.infer<typeof ReviewState>;

const isoDate = z.iso.datetime({ offset: true });

/** The vendor review of an integration (docs/product.md#review-deadlines): dates only matter while it has not passed. */
export const Review = z
  .object({
    state: ReviewState,
    disableAt: isoDate.optional(),
    deadline: isoDate.optional(),
  })
  .strict()
  .refine((r) => !r.disableAt || !r.deadline || r.disableAt <= r.deadline, {
    message: 'disableAt must not be after deadline',
  });
export type Review = z.infer<typeof Review>;

/** A host pattern: `zoom.us` or `*.atlassian.net`. */
const LinkHost = z
  .string()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a host such as zoom.us or *.atlassian.net');

/** Hosts an OAuth endpoint may use plain http on: this machine only (a local test server). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** An OAuth endpoint: https, or http on a loopback host only (tests against a local server). */
const EndpointUrl = z
  .url()
  .max(2000)
  .refine(
    (text) => {
      const url = new URL(text);
      return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
    },
    { message: 'an https:// URL (http:// only on 127.0.0.1 or localhost)' },
  );

/** The NAME of an environment variable (its value is a secret and never in the catalog). */
const EnvName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'an environment variable name such as JIRA_CLIENT_ID');

/**
 * How an integration is connected (OAuth 2.0 authorization code with PKCE): its endpoints, the
 * scopes asked for, and the names of the environment variables holding its client id and secret.
 */
export const OAuthSettings = z
  .object({
    authorizeUrl: EndpointUrl,
    tokenUrl: EndpointUrl,
    revokeUrl: EndpointUrl.optional(),
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, 'a scope token'))
      .max(50)
      .default([]),
    clientIdEnv: EnvName,
    clientSecretEnv: EnvName,
  })
  .strict();
export type OAuthSettings = z.infer<typeof OAuthSettings>;

export const CatalogEntry = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes')
      // Ids key the state's records (installs, blocks, connections): "constructor" would read Object's.
      .refine((id) => !(id in Object.prototype), 'a word the bot keeps for itself; choose another name'),
    name: z.string().trim().min(1).max(80),
    vendor: z.string().trim().min(1).max(80),
    description: z.string().trim().max(500).default(''),
    permissions: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
    linkHosts: z.array(LinkHost).max(20).default([]),
    aliases: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
    /**
     * What kind of tool it is ("file storage", "video meetings"): a request for one is answered with
     * another of the same category already on for the asker (docs/product.md#suggested-alternatives).
     * Compared loosely (case and spaces); custom integrations have none.
     */
    category: z.string().trim().min(1).max(40).optional(),
    review: Review.default({ state: 'passed' }),
    custom: z.boolean().default(false),
    /** Set: the integration is connected through OAuth after approval; absent: it has no connect step. */
    oauth: OAuthSettings.optional(),
  })
  .strict();
export type CatalogEntry = z.infer<typeof CatalogEntry>;
export type CatalogEntryInput = z.input<typeof CatalogEntry>;

export const CatalogFile = z.object({ integrations: z.array(CatalogEntry).max(5000) }).strict();

/** Shipped entries first; an entry of `extra` with a known id replaces the shipped one. */
export function mergeCatalog(
  shipped: readonly CatalogEntry[],
  extra: readonly CatalogEntry[],
): CatalogEntry[] {
  const byId = new Map(shipped.map((entry) => [entry.id, entry]));
  for (const entry of extra) byId.set(entry.id, entry);
  return [...byId.values()];
}

/** True when `host` (from a URL) is covered by one of the entry's patterns. */
export function hostMatches(pattern: string, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (pattern.startsWith('*.')) {
    const base = pattern.slice(2);
    return h === base || h.endsWith(`.${base}`);
  }
  return h === pattern || h === `www.${pattern}`;
}

export function findByUrl(catalog: readonly CatalogEntry[], url: string): CatalogEntry | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return catalog.find((entry) => entry.linkHosts.some((pattern) => hostMatches(pattern, host)));
}
