import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/auth';
import { BadInputError, NotFoundError } from '@app/common';
import { DeliveryStatus, type NotificationDelivery } from './notification-delivery.model.js';

const MAX_PAGE = 200;

// The recipient as a person reads it: the address an e-mail went to, or the webhook target's name.
const DELIVERY_COLUMNS = `
  d.id, d.channel, d.status, d.kind, d.subject, d.attempts, d.retries, d.last_error AS "lastError",
  d.created_at AS "createdAt", d.sent_at AS "sentAt",
  COALESCE(d.payload->>'address', w.name, d.recipient) AS recipient`;
const DELIVERY_FROM = `
  notification_delivery d
  LEFT JOIN webhook_endpoint w ON d.channel = 'WEBHOOK' AND w.id::text = d.recipient`;

/** The administrators' view of e-mail and webhook deliveries: the dead letters, and sending one again. */
@Injectable()
export class NotificationDeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(status: DeliveryStatus, first: number): Promise<NotificationDelivery[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw new BadInputError(`first 须在 1 到 ${MAX_PAGE} 之间 (first must be 1–${MAX_PAGE})`);
    return this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} WHERE d.status = $1 ORDER BY d.created_at DESC, d.id LIMIT $2`,
      [status, first],
    );
  }

  /**
   * Sends a dead letter again: back to PENDING under a new job id, picked up by the worker's next
   * relay tick (the outbox relay queues pending deliveries it has not queued lately). The API needs
   * no Redis for it, and a Redis outage only delays it.
   */
  retry(admin: AuthUser, id: string): Promise<NotificationDelivery> {
    return this.dataSource.transaction(async (m) => {
      const [before] = await this.lockedDelivery(m, id);
      if (!before) throw new NotFoundError('NotificationDelivery', id);
      if (before.status !== DeliveryStatus.DEAD)
        throw new BadInputError('只能重发已转入死信的投递 (only a dead-lettered delivery can be sent again)', {
          status: before.status,
        });
      await m.query(
        `UPDATE notification_delivery SET status = 'PENDING', retries = retries + 1, enqueued_at = '-infinity'
         WHERE id = $1`,
        [id],
      );
      await this.audit.record(
        m,
        admin.id,
        'delivery.retry',
        'notification_delivery',
        id,
        { status: before.status, retries: before.retries },
        { status: DeliveryStatus.PENDING, retries: before.retries + 1 },
      );
      return { ...before, status: DeliveryStatus.PENDING, retries: before.retries + 1 };
    });
  }

  private lockedDelivery(m: EntityManager, id: string): Promise<NotificationDelivery[]> {
    return m.query(`SELECT ${DELIVERY_COLUMNS} FROM ${DELIVERY_FROM} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
  }
}
