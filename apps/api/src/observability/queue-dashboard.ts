import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthService, UserRole } from '@app/auth';
import { APP_CONFIG, UnauthenticatedError, type AppConfig } from '@app/common';
import { ESCALATION_QUEUE } from '@app/escalation';
import { UPLOAD_CLEANUP_QUEUE } from '@app/files';
import { DELIVERY_QUEUE, DIGEST_QUEUE, NOTIFICATION_QUEUE } from '@app/notifications';

export const DASHBOARD_PATH = '/admin/queues';
/** Holds the ADMIN's bearer token for the dashboard's pages, assets and XHRs, which send no Authorization. */
export const DASHBOARD_COOKIE = 'luoshi_queues';
export const DASHBOARD_COOKIE_SECONDS = 15 * 60;

/**
 * bull-board (队列看板) at /admin/queues for ADMIN: every request carries the cookie that
 * `POST /admin/queues/session` set from the caller's bearer token, and is checked as a bearer
 * token is (signature, expiry, account still active), so a revoked account loses the board too.
 */
@Injectable()
export class QueueDashboard implements OnModuleDestroy {
  private queues: Queue[] = [];
  private router?: ReturnType<ExpressAdapter['getRouter']>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  /** The Express middleware mounted at DASHBOARD_PATH. */
  handler() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (req.path === '/session') return next(); // QueueDashboardController, under the bearer guard
      void this.admit(req).then(
        (status) => {
          if (status !== 200)
            return void res
              .status(status)
              .type('text/plain')
              .send(status === 401 ? 'unauthorized' : 'forbidden');
          res.setHeader('Cache-Control', 'no-store');
          this.board()(req, res, next);
        },
        (error: unknown) => next(error),
      );
    };
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }

  private async admit(req: Request): Promise<200 | 401 | 403> {
    const token = cookieOf(req.headers.cookie, DASHBOARD_COOKIE);
    const user = token
      ? await this.auth.verifyBearer(`Bearer ${token}`).catch((error: unknown) => {
          if (error instanceof UnauthenticatedError) return undefined; // bad, expired or revoked
          throw error;
        })
      : undefined;
    if (!user) return 401;
    return user.role === UserRole.ADMIN ? 200 : 403;
  }

  // Built on first use: most API processes never serve the board, and need no queue connections for it.
  private board() {
    if (!this.router) {
      const adapter = new ExpressAdapter();
      adapter.setBasePath(DASHBOARD_PATH);
      // Every queue the worker works (startQueueWorker): a job stuck in any of them shows here.
      const names = [NOTIFICATION_QUEUE, DELIVERY_QUEUE, DIGEST_QUEUE, ESCALATION_QUEUE, UPLOAD_CLEANUP_QUEUE];
      this.queues = names.map((name) => {
        const queue = new Queue(name, {
          connection: { url: this.config.REDIS_URL, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
          prefix: this.config.QUEUE_PREFIX,
        });
        queue.on('error', () => undefined); // the board shows the outage; no unhandled errors
        return queue;
      });
      createBullBoard({ queues: this.queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
      this.router = adapter.getRouter();
    }
    return this.router;
  }
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
