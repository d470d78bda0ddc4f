import { z } from 'zod';
import { checkDatabaseUrl, DatabaseUrlError } from './adapters/storage/postgres/database-url.js';
import { isPersonId } from './domain/ids.js';
import { MAX_ID_LENGTH } from './domain/limits.js';
import { AccountPlan } from './domain/plan.js';
import { parseDuration, type RequestDelays } from './domain/request-timing.js';
import { DEFAULT_DIGEST, type DigestSchedule, parseDigestSchedule } from './domain/schedule.js';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const timeZone = z
  .string()
  .trim()
  .default('UTC')
  .refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'an IANA time zone such as Europe/Paris or UTC' },
  );

const url = z
  .string()
  .trim()
  .url('an absolute http(s) URL')
  .refine((u) => /^https?:\/\//.test(u), 'an absolute http(s) URL')
  .transform((u) => u.replace(/\/+$/, ''));

/** A delay such as 12h or 2d, in milliseconds. */
const duration = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((v, ctx) => {
      const ms = parseDuration(v);
      if (ms === null) {
        ctx.addIssue({
          code: 'custom',
          message: 'a delay such as 30m, 12h or 2d (whole minutes, hours or days, at most 3650d)',
        });
        return z.NEVER;
      }
      return ms;
    });

const EnvSchema = z
  .object({
    PORT: z.coerce.number().int('a port number from 0 to 65535').min(0).max(65535).default(3978),
    HOST: z
      .string()
      .trim()
      .default('0.0.0.0')
      .pipe(
        z.union(
          [z.ipv4(), z.ipv6(), z.literal('localhost')],
          'an IP address such as 127.0.0.1, ::1 or 0.0.0.0',
        ),
      ),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    /** Set: the state and audit history live in PostgreSQL (docs/SPEC §12); unset: lowdb under DATA_DIR. */
    DATABASE_URL: optionalText.transform((raw, ctx) => {
      if (raw === undefined) return undefined;
      try {
        return checkDatabaseUrl(raw);
      } catch (error) {
        if (!(error instanceof DatabaseUrlError)) throw error;
        const why = error.message.replace(/^DATABASE_URL /, '');
        ctx.addIssue({ code: 'custom', message: `a postgres://user:password@host:5432/db URL (it ${why})` });
        return z.NEVER;
      }
    }),
    PUBLIC_URL: url.optional(),
    ADMINS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(/^(slack|teams|console):\S+$/, 'ids such as slack:U123,teams:<id>,console:ada')
            .refine(isPersonId, `ids of at most ${MAX_ID_LENGTH} characters after the prefix`),
        ),
      ),
    ACCOUNT_PLAN: AccountPlan.default('business'),
    TIMEZONE: timeZone,
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional(),
    BotOpenIdMetadata: url.optional(),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_BOT_TOKEN: optionalText,
    SLACK_API_URL: url.optional(),
    // An app-level token (Basic Information → App-Level Tokens) with connections:write: Socket Mode.
    SLACK_APP_TOKEN: z
      .string()
      .trim()
      .regex(
        /^xapp-[A-Za-z0-9-]+$/,
        'an app-level token starting with xapp- (Basic Information → App-Level Tokens)',
      )
      .optional(),
    O365_CLIENT_ID: optionalText,
    DIGEST: z
      .string()
      .default(DEFAULT_DIGEST)
      .transform((v, ctx) => {
        const schedule = parseDigestSchedule(v);
        if (schedule) return schedule;
        ctx.addIssue({
          code: 'custom',
          message: '"weekly <day> HH:MM" (weekly mon 09:00), "daily HH:MM" (daily 09:00) or "off"',
        });
        return z.NEVER;
      }),
    STATE_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    CATALOG_FILE: optionalText,
    REQUEST_REMIND_AFTER: duration('2d'),
    REQUEST_ESCALATE_AFTER: duration('5d'),
    REQUEST_EXPIRE_AFTER: duration('30d'),
    /** With DATABASE_URL: how long a replica's claim on a conversation holds unless renewed (30s, 5m). */
    DELIVERY_CLAIM_LEASE: z
      .string()
      .trim()
      .default('5m')
      .transform((v, ctx) => {
        const m = /^(\d{1,4})\s*([sm])$/.exec(v);
        const ms = m ? Number(m[1]) * (m[2] === 's' ? 1_000 : 60_000) : Number.NaN;
        if (ms >= 10_000 && ms <= 60 * 60_000) return ms;
        ctx.addIssue({ code: 'custom', message: 'seconds or minutes from 10s to 60m, such as 30s or 5m' });
        return z.NEVER;
      }),
    REMINDER_DAYS: z
      .string()
      .default('30,7,1')
      .transform((v) => v.split(',').map((s) => Number(s.trim())))
      .pipe(
        z.array(z.number().int().positive().max(365)).min(1, 'comma-separated whole days such as 30,7,1'),
      ),
  })
  .superRefine((env, ctx) => {
    if (env.REQUEST_ESCALATE_AFTER <= env.REQUEST_REMIND_AFTER) {
      ctx.addIssue({
        code: 'custom',
        path: ['REQUEST_ESCALATE_AFTER'],
        message: 'a delay longer than REQUEST_REMIND_AFTER',
      });
    }
    if (env.REQUEST_EXPIRE_AFTER <= env.REQUEST_ESCALATE_AFTER) {
      ctx.addIssue({
        code: 'custom',
        path: ['REQUEST_EXPIRE_AFTER'],
        message: 'a delay longer than REQUEST_ESCALATE_AFTER',
      });
    }
    if (env.MicrosoftAppId && !env.MicrosoftAppPassword && env.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'the app client secret when MicrosoftAppId is set',
      });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: 'the tenant id when MicrosoftAppType is SingleTenant',
      });
    }
    // Over Socket Mode the connection itself is authenticated by the app token: no signing secret needed.
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'the signing secret when SLACK_BOT_TOKEN is set (or SLACK_APP_TOKEN for Socket Mode)',
      });
    }
    if (env.SLACK_APP_TOKEN && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'the bot token (xoxb-…) when SLACK_APP_TOKEN is set',
      });
    }
  });

export type Config = Readonly<{
  port: number;
  /** The address the server listens on; 0.0.0.0 is every interface. */
  host: string;
  dataDir: string;
  /** DATABASE_URL: the state and audit history in PostgreSQL instead of DATA_DIR; null for DATA_DIR. */
  databaseUrl: string | null;
  publicUrl: string;
  admins: readonly string[];
  plan: AccountPlan;
  timeZone: string;
  /** When admin channels get the demand digest (DIGEST), in `timeZone`. */
  digest: DigestSchedule;
  teams: Readonly<{
    appId: string | null;
    appPassword: string | null;
    tenantId: string | null;
    appType: string;
    /** Bot Framework OpenID metadata override (botbuilder's BotOpenIdMetadata), for tests and sovereign clouds. */
    openIdMetadataUrl: string | null;
  }>;
  slack: Readonly<{
    signingSecret: string | null;
    botToken: string | null;
    apiUrl: string | null;
    /** The app-level token (`xapp-…`): set, Slack is also served over Socket Mode. */
    appToken: string | null;
  }>;
  o365ClientId: string | null;
  /** Null when STATE_SECRET is unset: a random secret is made once per data directory (or database) instead. */
  stateSecret: string | null;
  catalogFile: string | null;
  reminderDays: readonly number[];
  /** REQUEST_REMIND_AFTER, REQUEST_ESCALATE_AFTER, REQUEST_EXPIRE_AFTER. */
  requestDelays: Readonly<RequestDelays>;
  /**
   * DELIVERY_CLAIM_LEASE: how long a replica's claim on a conversation holds unless renewed, so how
   * long the conversations of a replica that died wait before another replica takes them over.
   */
  deliveryClaimLeaseMs: number;
  /**
   * The environment as given: catalog entries name the variables holding their OAuth client id and
   * secret (`clientIdEnv`, `clientSecretEnv`), which are read from here.
   */
  environment: Readonly<Record<string, string | undefined>>;
}>;

export class ConfigError extends Error {
  readonly code = 'config-invalid';
}

/** Parses the environment once; a bad value throws one line naming the variable and what it expects. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const value = env[name];
    const shown =
      value === undefined || /SECRET|PASSWORD|TOKEN|DATABASE_URL/.test(name)
        ? ''
        : ` (got "${value.slice(0, 60)}")`;
    throw new ConfigError(`Invalid ${name}${shown}: expected ${issue?.message ?? 'a valid value'}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? null,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    admins: Object.freeze(e.ADMINS),
    plan: e.ACCOUNT_PLAN,
    timeZone: e.TIMEZONE,
    digest: Object.freeze(e.DIGEST),
    teams: Object.freeze({
      appId: e.MicrosoftAppId ?? null,
      appPassword: e.MicrosoftAppPassword ?? null,
      tenantId: e.MicrosoftAppTenantId ?? null,
      appType: e.MicrosoftAppType ?? (e.MicrosoftAppTenantId ? 'SingleTenant' : 'MultiTenant'),
      openIdMetadataUrl: e.BotOpenIdMetadata ?? null,
    }),
    slack: Object.freeze({
      signingSecret: e.SLACK_SIGNING_SECRET ?? null,
      botToken: e.SLACK_BOT_TOKEN ?? null,
      apiUrl: e.SLACK_API_URL ? `${e.SLACK_API_URL}/` : null,
      appToken: e.SLACK_APP_TOKEN ?? null,
    }),
    o365ClientId: e.O365_CLIENT_ID ?? null,
    stateSecret: e.STATE_SECRET ?? null,
    catalogFile: e.CATALOG_FILE ?? null,
    reminderDays: Object.freeze([...new Set(e.REMINDER_DAYS)].sort((a, b) => b - a)),
    requestDelays: Object.freeze({
      remindAfterMs: e.REQUEST_REMIND_AFTER,
      escalateAfterMs: e.REQUEST_ESCALATE_AFTER,
      expireAfterMs: e.REQUEST_EXPIRE_AFTER,
    }),
    deliveryClaimLeaseMs: e.DELIVERY_CLAIM_LEASE,
    environment: Object.freeze({ ...env }),
  });
}
