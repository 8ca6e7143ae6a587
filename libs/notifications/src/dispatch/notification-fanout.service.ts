import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { addTracedJobs, APP_CONFIG, type AppConfig } from '@app/common';
import { DELIVERY_QUEUE, deliveryJobId, KEEP_JOBS } from '../queue/queues.js';
import { defaultModeSql } from '../preferences/notification-mode.js';
import type { Announcement } from './announcement.js';

/**
 * Announcements to recipients: an in-app notification per user, an e-mail delivery per user with
 * an address (when SMTP is configured) and a webhook delivery per matching endpoint. A user who
 * takes the announcement's kind as a daily digest (notification_preference; leaders by default)
 * gets neither notification nor e-mail now: the message is held for the digest. Webhooks belong to
 * places, not people, and hear everything at once. Every insert is keyed by (source, recipient[,
 * channel]) and skips what exists, so a retried job adds nothing; the pending deliveries are then
 * (re)queued under their deterministic job ids.
 */
@Injectable()
export class NotificationFanout {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(DELIVERY_QUEUE) private readonly deliveries: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(announcements: Announcement[]): Promise<void> {
    if (!announcements.length) return;
    const audience = flattenAudience(announcements);
    const params = [
      announcements.map((a) => a.sourceKey),
      announcements.map((a) => a.kind),
      announcements.map((a) => a.taskId),
      announcements.map((a) => a.subject),
      announcements.map((a) => a.message),
      ...audience,
      announcements.map((a) => a.link ?? null),
      announcements.map((a) => a.digest ?? false),
    ];
    await this.dataSource.query(
      `${RECIPIENTS}
       INSERT INTO notification (user_id, kind, message, task_id, source_key, link)
       SELECT r.user_id, a.kind, a.message, a.task_id, a.source_key, a.link
       FROM recipients r JOIN ann a USING (idx) WHERE r.mode = 'IMMEDIATE'
       ON CONFLICT (source_key, user_id) DO NOTHING`,
      params,
    );
    await this.dataSource.query(
      `${RECIPIENTS}
       INSERT INTO notification_held (source_key, user_id, kind, message)
       SELECT a.source_key, r.user_id, a.kind, a.message
       FROM recipients r JOIN ann a USING (idx) WHERE r.mode = 'DAILY_DIGEST'
       ON CONFLICT (source_key, user_id) DO NOTHING`,
      params,
    );
    if (this.config.SMTP_URL) {
      await this.dataSource.query(
        `${RECIPIENTS}
         INSERT INTO notification_delivery (source_key, channel, recipient, kind, subject, body, payload)
         SELECT a.source_key, 'EMAIL', r.user_id::text, a.kind, a.subject, a.message, jsonb_build_object('address', e.address)
         FROM recipients r JOIN ann a USING (idx) JOIN notification_email e ON e.user_id = r.user_id
         WHERE r.mode = 'IMMEDIATE'
         ON CONFLICT (source_key, channel, recipient) DO NOTHING`,
        params,
      );
    }
    await this.dataSource.query(
      `${ANNOUNCEMENTS}
       INSERT INTO notification_delivery (source_key, channel, recipient, kind, subject, body, payload)
       SELECT DISTINCT ON (a.source_key, w.id) a.source_key, 'WEBHOOK', w.id::text, a.kind, a.subject, a.message,
              jsonb_build_object('taskId', a.task_id)
       FROM aud JOIN ann a USING (idx)
       JOIN webhook_endpoint w ON w.active AND (w.department_id = aud.department_id OR w.jurisdiction_id = aud.jurisdiction_id)
       ON CONFLICT (source_key, channel, recipient) DO NOTHING`,
      params,
    );
    const pending: { id: string; retries: number }[] = await this.dataSource.query(
      `WITH queued AS (UPDATE notification_delivery SET enqueued_at = now()
         WHERE source_key = ANY($1) AND status = 'PENDING' RETURNING id, retries)
       SELECT id, retries FROM queued`,
      [params[0]],
    );
    await addTracedJobs(
      this.deliveries,
      pending.map(({ id, retries }) => ({
        name: 'deliver',
        data: { deliveryId: id },
        opts: {
          jobId: deliveryJobId(id, retries),
          attempts: this.config.DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
          ...KEEP_JOBS,
        },
      })),
    );
  }
}

// $1…$5, $11, $12: the announcements; $6…$10: their audience rows (announcement index, role,
// department, jurisdiction, user).
const ANNOUNCEMENTS = `
  WITH ann AS (
    SELECT (ord - 1)::int AS idx, source_key, kind, task_id, subject, message, link, digest
    FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::text[], $11::text[], $12::boolean[])
      WITH ORDINALITY AS x(source_key, kind, task_id, subject, message, link, digest, ord)
  ),
  aud AS (SELECT * FROM unnest($6::int[], $7::text[], $8::uuid[], $9::uuid[], $10::uuid[])
    AS x(idx, role, department_id, jurisdiction_id, user_id))`;

// Each recipient with how they take the announcement's kind now: IMMEDIATE or DAILY_DIGEST.
const RECIPIENTS = `${ANNOUNCEMENTS},
  reached AS (
    SELECT aud.idx, u.id AS user_id FROM aud JOIN app_user u ON u.id = aud.user_id
    UNION
    SELECT aud.idx, u.id FROM aud JOIN app_user u ON aud.user_id IS NULL AND u.role = aud.role
      AND (aud.department_id IS NULL OR u.department_id = aud.department_id)
      AND (aud.jurisdiction_id IS NULL OR u.jurisdiction_id = aud.jurisdiction_id)
  ),
  recipients AS (
    SELECT r.idx, r.user_id,
           CASE WHEN a.digest THEN 'IMMEDIATE' ELSE coalesce(p.mode, ${defaultModeSql('u.role')}) END AS mode
    FROM reached r JOIN ann a USING (idx) JOIN app_user u ON u.id = r.user_id
    LEFT JOIN notification_preference p ON p.user_id = r.user_id AND p.kind = a.kind
  )`;

function flattenAudience(announcements: Announcement[]) {
  const idx: number[] = [];
  const role: (string | null)[] = [];
  const department: (string | null)[] = [];
  const jurisdiction: (string | null)[] = [];
  const user: (string | null)[] = [];
  announcements.forEach((a, i) => {
    for (const who of a.audience) {
      idx.push(i);
      role.push('role' in who ? who.role : null);
      department.push('departmentId' in who ? who.departmentId : null);
      jurisdiction.push('jurisdictionId' in who ? who.jurisdictionId : null);
      user.push('userId' in who ? who.userId : null);
    }
  });
  return [idx, role, department, jurisdiction, user];
}
