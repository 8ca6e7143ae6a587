import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserRole } from '@app/auth';
import { AnnouncementSources, type Announcement, type AnnouncementSource } from '@app/notifications';
import { announceSweepRun } from './sweep/sweep-run.announcements.js';
import { SWEEP_RUN_OUTBOX_KIND } from './sweep/sweep-runs.service.js';

/**
 * Announces escalations (a sweep run at a time), missing-report reminders and unknown-calendar
 * warnings. The sweep's batch statements still write an ESCALATION row per batch; the run's
 * ESCALATION_DIGEST row announces them all at once, so those rows announce nothing themselves.
 */
@Injectable()
export class EscalationAnnouncements implements AnnouncementSource, OnModuleInit {
  readonly kinds = ['ESCALATION', SWEEP_RUN_OUTBOX_KIND, 'REPORT_MISSING', 'CALENDAR_UNKNOWN_YEAR'] as const;

  constructor(private readonly sources: AnnouncementSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  announce(m: EntityManager, kind: string, payload: unknown): Promise<Announcement[]> {
    if (kind === 'ESCALATION') return Promise.resolve([]);
    if (kind === SWEEP_RUN_OUTBOX_KIND) return announceSweepRun(m, (payload as { runId: string }).runId);
    if (kind === 'REPORT_MISSING') return this.reminders(m, (payload as { reminderIds: string[] }).reminderIds);
    return Promise.resolve([this.unknownYears(payload as { years: number[]; asOf: string })]);
  }

  private async reminders(m: EntityManager, ids: string[]): Promise<Announcement[]> {
    const rows: {
      id: string;
      task_id: string;
      department_id: string;
      department: string;
      measure: string;
      period_start: string;
      report_due: string;
    }[] = await m.query(
      `SELECT r.id, t.id AS task_id, t.department_id, d.short_name AS department, ms.title AS measure,
                r.period_start, r.report_due
         FROM report_reminder r JOIN task t ON t.id = r.task_id JOIN department d ON d.id = t.department_id
         JOIN measure ms ON ms.id = t.measure_id
         WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({
      sourceKey: `report-missing:${r.id}`,
      kind: 'REPORT_MISSING',
      taskId: r.task_id,
      subject: `【报送提醒】${r.department}：${r.measure}`,
      message: `【报送提醒】${r.department}承担的「${r.measure}」自 ${r.period_start} 起的报告期未报送进展情况（应于 ${r.report_due} 前报送），请尽快报送。`,
      audience: [{ role: UserRole.LIAISON, departmentId: r.department_id }],
    }));
  }

  private unknownYears({ years, asOf }: { years: number[]; asOf: string }): Announcement {
    return {
      sourceKey: `calendar-unknown:${years.join(',')}:${asOf}`,
      kind: 'CALENDAR_UNKNOWN_YEAR',
      taskId: null,
      subject: `【节假日安排缺失】${years.join('、')} 年`,
      message:
        `${years.join('、')} 年的节假日安排尚未导入：按 ${asOf} 巡检时，这些年份的工作日暂按周一至周五计算，` +
        `相关升级已标记为 calendar_fallback。请在国务院办公厅发布后用 loadHolidaySchedule 导入。`,
      audience: [{ role: UserRole.ADMIN }],
    };
  }
}
