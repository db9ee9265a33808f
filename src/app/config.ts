import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Configuration, read and validated once from the environment. Every variable is documented in .env.example. */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const url = (example: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), `must be an http(s) URL, like ${example}`);

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .refine(
    (v) => v === undefined || v === '' || ['true', 'false', '1', '0', 'yes', 'no'].includes(v),
    'must be true or false',
  )
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ORGANISER_PLATFORMS = ['slack', 'discord', 'web', 'teams'] as const;

/** User ids per platform; a Slack entry may name its workspace (`slack:T012/U034`), only the user id counts. */
export type Organisers = Record<(typeof ORGANISER_PLATFORMS)[number], ReadonlySet<string>>;

/** `slack:U012AB3CD,discord:123456789,web:olive,teams:<Entra object id>`, read into one set of user ids per platform. */
const organisers = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx): Organisers => {
    const ids = {
      slack: new Set<string>(),
      discord: new Set<string>(),
      web: new Set<string>(),
      teams: new Set<string>(),
    };
    for (const entry of value.split(',').map((e) => e.trim())) {
      if (!entry) continue;
      const [platform, ...rest] = entry.split(':');
      const id = rest.join(':').trim().split('/').at(-1) ?? '';
      const known = ORGANISER_PLATFORMS.find((p) => p === platform?.trim());
      if (known && id) ids[known].add(id);
      else
        ctx.addIssue({
          code: 'custom',
          message: `"${entry}" must be slack:USER_ID, discord:USER_ID, web:NAME or teams:OBJECT_ID`,
        });
    }
    return ids;
  });

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:./data/agora.db')
    .refine(
      (v) => /^(file:.+|postgres(ql)?:\/\/.+)$/.test(v),
      'must be file:./data/agora.db (SQLite) or postgres://user:password@host:5432/db',
    ),
  PROGRAMMES_DIR: z.string().trim().default('./programmes'),
  CHANNEL_MAP: z.string().trim().default(''),
  ORGANISERS: organisers,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optionalText.refine(
    (v) => v === undefined || v.startsWith('xoxb-'),
    'must be a bot token starting with xoxb-',
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine(
    (v) => v === undefined || v.startsWith('xapp-'),
    'must be an app-level token starting with xapp-',
  ),
  SLACK_API_URL: url('https://slack.com/api/').default('https://slack.com/api/'),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine(
    (v) => v === undefined || /^\d{5,25}$/.test(v),
    'must be the numeric application id',
  ),
  DISCORD_API_URL: url('https://discord.com/api').default('https://discord.com/api'),
  DISCORD_ORGANISER_ROLE: z.string().trim().default('Organiser'),
  DISCORD_SHARD_COUNT: z.coerce.number().int().min(1).optional(),
  TEAMS_APP_ID: optionalText,
  TEAMS_APP_PASSWORD: optionalText,
  TEAMS_TENANT_ID: optionalText,
  TEAMS_AUTHORITY: url('https://login.microsoftonline.com').default('https://login.microsoftonline.com'),
  TEAMS_SERVICE_URL: url('https://smba.trafficmanager.net/teams/').default('https://smba.trafficmanager.net/teams/'),
  ORGANISER_API_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, 'must be at least 16 characters'),
  SANDBOX: boolean,
  SCHEDULER_TICK: z.string().trim().default('* * * * *'),
  QUIET_HOURS: z
    .string()
    .trim()
    .default('20-8')
    .refine(
      (v) => v === '' || /^\d{1,2}-\d{1,2}$/.test(v),
      'must be like 20-8 (no reminders from 20:00 to 08:00), or empty',
    ),
  REMINDER_INTERVAL_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  SMTP_URL: optionalText.refine(
    (v) => v === undefined || /^smtps?:\/\/[^\s]+$/.test(v),
    'must be an smtp:// or smtps:// URL, like smtps://user:password@smtp.example.org:465',
  ),
  MAIL_FROM: optionalText.refine(
    (v) => v === undefined || /^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/.test(v),
    'must be an address, like "Agora <digests@example.org>" or digests@example.org',
  ),
  PUBLIC_URL: url('https://agora.example.org'),
  UNSUBSCRIBE_SECRET: optionalText.refine(
    (v) => v === undefined || v.length >= 16,
    "must be at least 16 characters (it signs readers' unsubscribe links)",
  ),
  LLM_BASE_URL: url('http://localhost:8080/v1'),
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
});

/** The model name defaults only once an endpoint is set, so that summaries stay off until LLM_BASE_URL is. */
function withLlmModelDefault(config: Config): Config {
  return config.LLM_BASE_URL && !config.LLM_MODEL ? { ...config, LLM_MODEL: 'gpt-4o-mini' } : config;
}

/** Settings that only make sense together; checked on the raw values so they are reported with every other problem. */
function missingCompanions(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    problems.push(
      'SLACK_SIGNING_SECRET: SLACK_BOT_TOKEN is set: also set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
    );
  }
  if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
    problems.push(
      'DISCORD_APPLICATION_ID: DISCORD_TOKEN is set: also set DISCORD_APPLICATION_ID (from the Developer Portal)',
    );
  }
  if (env.TEAMS_APP_ID) {
    for (const [name, why] of [
      ['TEAMS_APP_PASSWORD', "the client secret of the bot's app registration"],
      ['TEAMS_TENANT_ID', 'the directory (tenant) id of the app registration'],
    ] as const) {
      if (!env[name]) problems.push(`${name}: TEAMS_APP_ID is set: also set ${name} (${why})`);
    }
  }
  if (env.SMTP_URL) {
    for (const [name, why] of [
      ['MAIL_FROM', 'the address digests are sent from'],
      ['PUBLIC_URL', "this server's public address, for readers' unsubscribe links"],
      ['UNSUBSCRIBE_SECRET', 'a random secret of at least 16 characters that signs unsubscribe links'],
    ] as const) {
      if (!env[name]) problems.push(`${name}: SMTP_URL is set: also set ${name} (${why})`);
    }
  }
  if ((env.LLM_API_KEY || env.LLM_MODEL) && !env.LLM_BASE_URL) {
    problems.push(
      'LLM_BASE_URL: LLM_API_KEY or LLM_MODEL is set: also set LLM_BASE_URL (the chat-completions endpoint)',
    );
  }
  return problems;
}

export type Config = z.infer<typeof configSchema>;

/** Which chat platforms are set up, decided once from the configuration; the sandbox stands in when none is. */
export interface PlatformsConfigured {
  slack: boolean;
  discord: boolean;
  teams: boolean;
  sandbox: boolean;
}

export function platformsConfigured(config: Config): PlatformsConfigured {
  const slack = Boolean(config.SLACK_BOT_TOKEN || (config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET));
  const discord = Boolean(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID);
  const teams = Boolean(config.TEAMS_APP_ID && config.TEAMS_APP_PASSWORD && config.TEAMS_TENANT_ID);
  return { slack, discord, teams, sandbox: config.SANDBOX || (!slack && !discord && !teams) };
}

/** Settings whose empty value means "none" rather than "the default". */
const EMPTY_MEANS_NONE = new Set(['QUIET_HOURS']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Loads `.env` from the working directory when there is one; variables already set win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (`SLACK_BOT_TOKEN=` in .env) means "not set", so defaults apply; where empty has a meaning of
  // its own (`QUIET_HOURS=`: none), it is kept.
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([name, value]) => value !== undefined && (value.trim() !== '' || EMPTY_MEANS_NONE.has(name)),
    ),
  );
  const parsed = configSchema.safeParse(present);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...missingCompanions(present),
  ];
  if (parsed.success && problems.length === 0) return withLlmModelDefault(parsed.data);
  throw new ConfigError(problems);
}
