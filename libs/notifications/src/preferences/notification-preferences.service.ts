import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadInputError } from '@app/common';
import type { AuthUser } from '@app/auth';
import type { NotificationPreference } from './dtos/notification-preference.type.js';
import { defaultMode, NOTIFICATION_KINDS, NotificationMode } from './notification-mode.js';

const KIND = /^[A-Z][A-Z0-9_]{0,63}$/;

/** A user's own choice, per kind of message, between each message at once and a daily digest. */
@Injectable()
export class NotificationPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every kind the console offers, and any other the caller chose for, with the mode in force. */
  async list(user: AuthUser): Promise<NotificationPreference[]> {
    const chosen = new Map<string, NotificationMode>(
      (
        await this.dataSource.query<{ kind: string; mode: NotificationMode }[]>(
          'SELECT kind, mode FROM notification_preference WHERE user_id = $1',
          [user.id],
        )
      ).map((r) => [r.kind, r.mode]),
    );
    const kinds = [...new Set([...NOTIFICATION_KINDS, ...[...chosen.keys()].sort()])];
    return kinds.map((kind) => ({
      kind,
      mode: chosen.get(kind) ?? defaultMode(user.role),
      chosen: chosen.has(kind),
    }));
  }

  async set(user: AuthUser, kind: string, mode: NotificationMode): Promise<NotificationPreference> {
    if (!KIND.test(kind))
      throw new BadInputError('消息类型无效 (kind must be a notification kind such as ESCALATION_2)');
    return this.dataSource.transaction(async (m) => {
      const [before]: { mode: NotificationMode }[] = await m.query(
        'SELECT mode FROM notification_preference WHERE user_id = $1 AND kind = $2 FOR UPDATE',
        [user.id, kind],
      );
      await m.query(
        `INSERT INTO notification_preference (user_id, kind, mode) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode, updated_at = now()`,
        [user.id, kind, mode],
      );
      await this.audit.record(
        m,
        user.id,
        'notification.preference',
        'user',
        user.id,
        { kind, mode: before?.mode ?? defaultMode(user.role) },
        { kind, mode },
      );
      return { kind, mode, chosen: true };
    });
  }
}
