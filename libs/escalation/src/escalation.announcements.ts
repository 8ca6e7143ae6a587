import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserRole } from '@app/auth';
import { AnnouncementSources, type Announcement, type AnnouncementSource, type Audience } from '@app/notifications';
import { LEVEL_NAMES, type EscalationLevel } from './ladder/escalation-policy.js';

interface EventRow {
  id: string;
  level: EscalationLevel;
  due_date: string;
  task_id: string;
  department_id: string;
  jurisdiction_id: string;
  department: string;
  measure: string;
  notice_number: string | null;
}

/** Who hears of each level: 1 liaisons; 2 liaisons and the supervision office; 3 the office; 4 leaders. */
function audienceOf(level: EscalationLevel, departmentId: string, jurisdictionId: string): Audience[] {
  const liaisons: Audience = { role: UserRole.LIAISON, departmentId };
  const office: Audience = { role: UserRole.SUPERVISOR, jurisdictionId };
  const leaders: Audience = { role: UserRole.LEADER, jurisdictionId };
  return { 1: [liaisons], 2: [liaisons, office], 3: [office], 4: [leaders] }[level];
}

function describe(e: EventRow): string {
  switch (e.level) {
    case 1:
      return `将于 ${e.due_date} 到期，请按时完成并报送进展。`;
    case 2:
      return `已于 ${e.due_date} 到期，尚未完成。`;
    case 3:
      return `逾期（期限 ${e.due_date}）已满 10 个工作日，列入督办。`;
    case 4:
      return e.notice_number
        ? `督办单 ${e.notice_number} 逾期未回复，纳入考核。`
        : `逾期（期限 ${e.due_date}）已满 30 天，纳入考核。`;
  }
}

/** Announces escalation events, missing-report reminders and unknown-calendar warnings. */
@Injectable()
export class EscalationAnnouncements implements AnnouncementSource, OnModuleInit {
  readonly kinds = ['ESCALATION', 'REPORT_MISSING', 'CALENDAR_UNKNOWN_YEAR'] as const;

  constructor(private readonly sources: AnnouncementSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  announce(m: EntityManager, kind: string, payload: unknown): Promise<Announcement[]> {
    if (kind === 'ESCALATION') return this.escalations(m, (payload as { eventIds: (string | number)[] }).eventIds);
    if (kind === 'REPORT_MISSING') return this.reminders(m, (payload as { reminderIds: string[] }).reminderIds);
    return Promise.resolve([this.unknownYears(payload as { years: number[]; asOf: string })]);
  }

  private async escalations(m: EntityManager, ids: (string | number)[]): Promise<Announcement[]> {
    const rows: EventRow[] = await m.query(
      `SELECT e.id, e.level, e.due_date, t.id AS task_id, t.department_id, p.jurisdiction_id,
              d.short_name AS department, ms.title AS measure, n.number AS notice_number
       FROM escalation_event e JOIN task t ON t.id = e.task_id JOIN plan p ON p.id = t.plan_id
       JOIN department d ON d.id = t.department_id JOIN measure ms ON ms.id = t.measure_id
       LEFT JOIN supervision_notice n ON n.id = e.notice_id
       WHERE e.id = ANY($1::bigint[])`,
      [ids],
    );
    return rows.map((e) => ({
      sourceKey: `escalation:${e.id}`,
      kind: `ESCALATION_${e.level}`,
      taskId: e.task_id,
      subject: `【${LEVEL_NAMES[e.level]}】${e.department}：${e.measure}`,
      message: `【${LEVEL_NAMES[e.level]}】${e.department}承担的「${e.measure}」${describe(e)}`,
      audience: audienceOf(e.level, e.department_id, e.jurisdiction_id),
    }));
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
