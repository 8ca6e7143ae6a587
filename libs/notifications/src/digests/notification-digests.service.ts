import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Announcement } from '../dispatch/announcement.js';
import { NotificationFanout } from '../dispatch/notification-fanout.service.js';

/** Lines one digest lists; the rest are counted. */
const DIGEST_LINES = 50;

interface HeldMessage {
  source_key: string;
  user_id: string;
  kind: string;
  message: string;
}

/**
 * 每日汇总 the daily digest: the messages held for users who take their kind once a day become one
 * notification (and e-mail) per user and kind. Delivered before the held rows are marked, and
 * keyed by kind, day and user, so a digest job retried after its worker died sends each once.
 */
@Injectable()
export class NotificationDigests {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fanout: NotificationFanout,
  ) {}

  /** Sends what is held as of `day` (the digest's date); returns how many digests went out. */
  async send(day: string): Promise<number> {
    const held: HeldMessage[] = await this.dataSource.query(
      `SELECT source_key, user_id, kind, message FROM notification_held
       WHERE digest_key IS NULL ORDER BY user_id, kind, created_at, source_key`,
    );
    const digests = new Map<string, HeldMessage[]>();
    for (const h of held) {
      const key = `digest:${h.kind}:${day}:${h.user_id}`;
      digests.set(key, [...(digests.get(key) ?? []), h]);
    }
    const announcements = [...digests].map(([key, messages]) => digestOf(key, day, messages));
    await this.fanout.deliver(announcements);
    await this.dataSource.query(
      `UPDATE notification_held h SET digest_key = x.digest_key
       FROM unnest($1::text[], $2::uuid[], $3::text[]) AS x(source_key, user_id, digest_key)
       WHERE h.source_key = x.source_key AND h.user_id = x.user_id AND h.digest_key IS NULL`,
      [
        held.map((h) => h.source_key),
        held.map((h) => h.user_id),
        held.map((h) => `digest:${h.kind}:${day}:${h.user_id}`),
      ],
    );
    return announcements.length;
  }
}

function digestOf(sourceKey: string, day: string, messages: HeldMessage[]): Announcement {
  const lines = messages.slice(0, DIGEST_LINES).map((h, i) => `${i + 1}. ${h.message}`);
  if (messages.length > DIGEST_LINES) lines.push(`……另有 ${messages.length - DIGEST_LINES} 条，详见消息页。`);
  return {
    sourceKey,
    kind: messages[0]!.kind,
    taskId: null,
    subject: `【每日汇总】${day} ${messages.length} 条消息`,
    message: `【每日汇总】${day} 共 ${messages.length} 条：\n${lines.join('\n')}`,
    audience: [{ userId: messages[0]!.user_id }],
    link: '/notifications',
    digest: true,
  };
}
