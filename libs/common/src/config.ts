import { z } from 'zod';

const DEV_JWT_SECRET = 'luoshi-development-secret-change-me-0000';
const DEV_ENVIRONMENTS = ['development', 'test'];
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** A URL of the given scheme that parses: a malformed one would otherwise fail later, echoed whole by a driver. */
const url = (scheme: RegExp, message: string) =>
  z
    .string()
    .regex(scheme, message)
    .refine((v) => URL.canParse(v), 'is not a valid URL');

/** The value as shown in an error: a URL's password never is. */
function shownValue(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:).*@/i, '$1***@');
}

const schema = z
  .object({
    /** Any value but development or test is a deployment: it must bring its own JWT_SECRET. */
    NODE_ENV: z.string().default('development'),
    DATABASE_URL: url(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').default(
      'postgres://postgres@127.0.0.1:5432/luoshi',
    ),
    REDIS_URL: url(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** API processes sharing PORT (node:cluster); unset = one per CPU. 1 = a single process. */
    API_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_EXPIRES_IN: z
      .string()
      .regex(/^\d+[smhd]$/, 'must look like 30m, 8h or 7d')
      .default('8h'),
    LUOSHI_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    /** 1: `npm start` creates the demo accounts even with NODE_ENV=production (never otherwise there). */
    LUOSHI_DEMO: z
      .enum(['0', '1'], 'must be 0 or 1')
      .default('0')
      .transform((v) => v === '1'),
    /** Key prefix of BullMQ queues, so test runs and tenants never share queues. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, - and _ only')
      .default('luoshi'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example.gov.cn:587; unset = no e-mail. */
    SMTP_URL: url(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
    /** Express's `trust proxy` (a hop count, `loopback`, addresses…): off unless a proxy is in front. */
    TRUST_PROXY: z
      .string()
      .regex(/^(\d+|true|false|[\w.:/, -]+)$/, 'must be a hop count, true, or addresses/subnets')
      .transform((v) => (/^\d+$/.test(v) ? Number(v) : v === 'true' ? true : v === 'false' ? false : v))
      .default(false),
    MAIL_FROM: z.string().default('luoshi 落实 <noreply@luoshi.local>'),
    /** Tries of one e-mail or webhook delivery before it is dead-lettered, and the first retry's delay. */
    DELIVERY_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).default(30_000),
    /** A worker's job lock: the job of a worker that died is retried after about this long. */
    QUEUE_LOCK_MS: z.coerce.number().int().min(500).default(30_000),
    /** How often each worker hands committed outbox rows to the queue. */
    OUTBOX_RELAY_MS: z.coerce.number().int().min(50).default(1000),
    /** 1: webhooks may reach loopback, private and link-local addresses (an intranet's robots). */
    ALLOW_PRIVATE_WEBHOOKS: z.enum(['0', '1']).default('0'),
    /** Database connections per process; how long a query waits for one before it is refused; the longest statement. */
    /**
     * PostgreSQL over its Unix socket: `auto` when DATABASE_URL names this machine (localhost,
     * 127.0.0.1, ::1) and a socket that accepts the URL's user is found; `off`; or the socket's directory.
     */
    DB_SOCKET: z
      .string()
      .regex(/^(auto|off|\/.*)$/, 'must be auto, off or an absolute directory')
      .default('auto'),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    DB_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
    /**
     * How often each worker checks for a sweep missed (none finished today) or made stale by a plan
     * published since the last one, and queues it; 0 turns the catch-up off (tests that sweep by hand).
     */
    SWEEP_CATCH_UP_MS: z.coerce.number().int().min(0).default(60_000),
    /** 佐证材料: the largest file, and the most all files of one report (notice answer, extension request) may weigh. */
    UPLOAD_MAX_FILE_MB: z.coerce.number().int().min(1).max(1024).default(20),
    UPLOAD_MAX_REPORT_MB: z.coerce.number().int().min(1).max(10_240).default(100),
    /** Where uploaded files live: unset = the database (table file_blob); s3://bucket?endpoint=…&region=… = S3. */
    STORAGE_URL: url(/^s3:\/\//, 'must be an s3:// URL (or unset: the database)').optional(),
    /** Prometheus' listener (GET /metrics, and the worker's /health); unset = none. Never the API's PORT. */
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Address the metrics listener binds to: loopback unless a scraper elsewhere needs it (then METRICS_TOKEN). */
    METRICS_HOST: z.string().default('127.0.0.1'),
    /** Bearer token /metrics asks for; required when METRICS_HOST is not a loopback address. */
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .transform((env, ctx) => {
    if (!env.JWT_SECRET && !DEV_ENVIRONMENTS.includes(env.NODE_ENV)) {
      const message = `is required when NODE_ENV is ${env.NODE_ENV} (not development or test)`;
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message });
      return z.NEVER;
    }
    if (!env.METRICS_TOKEN && !LOOPBACK.test(env.METRICS_HOST)) {
      const message = `is required when METRICS_HOST is ${env.METRICS_HOST} (not a loopback address)`;
      ctx.addIssue({ code: 'custom', path: ['METRICS_TOKEN'], message });
      return z.NEVER;
    }
    return { ...env, JWT_SECRET: env.JWT_SECRET ?? DEV_JWT_SECRET };
  });

export type AppConfig = z.output<typeof schema>;

export class ConfigError extends Error {}

/** Reads and validates the environment; the error names the variable and what is wrong with it. */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  const shown = name in cleaned && !/SECRET|PASSWORD|TOKEN/.test(name) ? ` (got "${shownValue(cleaned[name]!)}")` : '';
  throw new ConfigError(`Invalid environment: ${name} ${issue.message}${shown}`);
}

/** For process entry points: a bad value stops the process with one line, not a stack. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`luoshi: ${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
