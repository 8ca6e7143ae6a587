import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadInputError } from '@app/common';
import { AuditService } from '@app/audit';
import type { AuthUser } from '@app/auth';
import { Notification } from './notification.entity.js';

const LIST_LIMIT = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A user's own in-app notifications and e-mail address. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(user: AuthUser, unreadOnly: boolean): Promise<Notification[]> {
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId: user.id })
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id')
      .limit(LIST_LIMIT);
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    return qb.getMany();
  }

  /** Marks the caller's own notifications read; returns how many changed (others' ids change nothing). */
  async markRead(user: AuthUser, ids: string[]): Promise<number> {
    if (ids.some((id) => !UUID.test(id))) throw new BadInputError('通知编号无效 (ids must be notification ids)');
    const rows: unknown[] = await this.dataSource.query(
      `WITH read AS (UPDATE notification SET read_at = now() WHERE user_id = $1 AND id = ANY($2::uuid[]) AND read_at IS NULL RETURNING id)
       SELECT id FROM read`,
      [user.id, ids],
    );
    return rows.length;
  }

  /** Sets (or with null, removes) where the caller's e-mail notifications go; audited with the old address. */
  async setEmail(user: AuthUser, address: string | null): Promise<string | null> {
    const trimmed = address?.trim() || null;
    if (trimmed && (!EMAIL.test(trimmed) || trimmed.length > 254))
      throw new BadInputError('邮箱地址无效 (invalid e-mail address)');
    return this.dataSource.transaction(async (m) => {
      const [before]: { address: string }[] = await m.query(
        'SELECT address FROM notification_email WHERE user_id = $1 FOR UPDATE',
        [user.id],
      );
      if (trimmed)
        await m.query(
          `INSERT INTO notification_email (user_id, address) VALUES ($1, $2)
           ON CONFLICT (user_id) DO UPDATE SET address = excluded.address, updated_at = now()`,
          [user.id, trimmed],
        );
      else await m.query('DELETE FROM notification_email WHERE user_id = $1', [user.id]);
      await this.audit.record(m, user.id, 'notification.email', 'app_user', user.id, before ?? null, {
        address: trimmed,
      });
      return trimmed;
    });
  }
}
