import { z } from 'zod';

const DEV_JWT_SECRET = 'luoshi-development-secret-change-me-0000';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .default('postgres://postgres@127.0.0.1:5432/luoshi'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .default('redis://127.0.0.1:6379'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** API processes sharing PORT (node:cluster); unset = one per CPU. 1 = a single process. */
    API_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_EXPIRES_IN: z
      .string()
      .regex(/^\d+[smhd]$/, 'must look like 30m, 8h or 7d')
      .default('8h'),
    LUOSHI_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    /** Key prefix of BullMQ queues, so test runs and tenants never share queues. */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/, 'letters, digits, - and _ only')
      .default('luoshi'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** SMTP server for e-mail notifications, e.g. smtp://user:pass@mail.example.gov.cn:587; unset = no e-mail. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
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
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
    DB_POOL_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  })
  .transform((env, ctx) => {
    if (!env.JWT_SECRET && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required in production' });
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
  const shown = name in cleaned && !/SECRET|PASSWORD/.test(name) ? ` (got "${cleaned[name]}")` : '';
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
