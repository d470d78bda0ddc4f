import { z } from 'zod';

const Guid = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'a GUID (the bot’s Microsoft App ID)',
  );

/** The fields of manifest/teams/manifest.json this build rewrites; the rest is kept as written. */
const Template = z
  .object({
    id: z.string(),
    developer: z
      .object({ websiteUrl: z.string(), privacyUrl: z.string(), termsOfUseUrl: z.string() })
      .loose(),
    bots: z.array(z.object({ botId: z.string() }).loose()).min(1),
    composeExtensions: z.array(z.object({ botId: z.string() }).loose()).min(1),
    validDomains: z.array(z.string()),
  })
  .loose();

export interface BuildManifestInput {
  template: unknown;
  appId: string;
  publicUrl: string;
  /** Catalog link hosts (`*.atlassian.net`); Teams sends `composeExtension/queryLink` for them. */
  linkHosts: readonly string[];
}

/** The manifest for one deployment: app and bot id, link-unfurl domains and the bot's public domain. */
export function buildTeamsManifest(
  input: BuildManifestInput,
): { ok: true; manifest: Record<string, unknown> } | { ok: false; error: string } {
  const appId = Guid.safeParse(input.appId);
  if (!appId.success) return { ok: false, error: `MicrosoftAppId must be ${appId.error.issues[0]?.message}` };
  const template = Template.safeParse(input.template);
  if (!template.success)
    return { ok: false, error: `manifest/teams/manifest.json: ${template.error.issues[0]?.message}` };
  const url = new URL(input.publicUrl);
  const site = `https://${url.host}`;
  const t = template.data;
  const linkHandler = {
    type: 'link',
    value: { domains: [...new Set(input.linkHosts)], supportsAnonymizedPayloads: true },
  };
  const manifest = {
    ...t,
    id: appId.data,
    developer: {
      ...t.developer,
      websiteUrl: `${site}/`,
      privacyUrl: `${site}/privacy`,
      termsOfUseUrl: `${site}/terms`,
    },
    bots: t.bots.map((bot) => ({ ...bot, botId: appId.data })),
    composeExtensions: t.composeExtensions.map((ext) => ({
      ...ext,
      botId: appId.data,
      messageHandlers: [linkHandler],
    })),
    validDomains: [url.hostname],
  };
  return { ok: true, manifest };
}
