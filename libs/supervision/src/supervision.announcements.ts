import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserRole } from '@app/auth';
import { AnnouncementSources, type Announcement, type AnnouncementSource } from '@app/notifications';

interface NoticeRow {
  id: string;
  number: string;
  department_id: string;
  department: string;
  requirements: string;
  response_due: string;
  issued_by: string;
  jurisdiction_id: string;
  first_task: string | null;
  reissued: boolean;
}

/** Tells the department of a new notice and the issuing office of the department's answer. */
@Injectable()
export class SupervisionAnnouncements implements AnnouncementSource, OnModuleInit {
  readonly kinds = ['NOTICE_ISSUED', 'NOTICE_RESPONDED'] as const;

  constructor(private readonly sources: AnnouncementSources) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  async announce(m: EntityManager, kind: string, payload: unknown): Promise<Announcement[]> {
    const { noticeId } = payload as { noticeId: string };
    const [n]: NoticeRow[] = await m.query(
      `SELECT n.id, n.number, n.department_id, d.short_name AS department, n.requirements, n.response_due,
              n.issued_by, n.jurisdiction_id, n.reissue_of IS NOT NULL AS reissued,
              (SELECT nt.task_id FROM supervision_notice_task nt WHERE nt.notice_id = n.id ORDER BY nt.task_id LIMIT 1) AS first_task
       FROM supervision_notice n JOIN department d ON d.id = n.department_id WHERE n.id = $1`,
      [noticeId],
    );
    if (!n) return [];
    if (kind === 'NOTICE_ISSUED') {
      return [
        {
          sourceKey: `notice-issued:${n.id}`,
          kind,
          taskId: n.first_task,
          subject: `【督办单】${n.number}`,
          message: `【督办单】${n.number}${n.reissued ? '（再次督办）' : ''}：${n.department}，${asSentence(n.requirements)}请于 ${n.response_due} 前回复整改情况。`,
          audience: [{ role: UserRole.LIAISON, departmentId: n.department_id }],
        },
      ];
    }
    return [
      {
        sourceKey: `notice-responded:${n.id}`,
        kind,
        taskId: n.first_task,
        subject: `【督办回复】${n.number}`,
        message: `【督办回复】${n.department}已回复督办单 ${n.number} 的整改情况，请审阅并办结。`,
        audience: [{ userId: n.issued_by }, { role: UserRole.SUPERVISOR, jurisdictionId: n.jurisdiction_id }],
      },
    ];
  }
}

/** The office's own words, closed with one 。 whether or not they already end with one (never 。。). */
export function asSentence(text: string): string {
  const trimmed = text.trim().replace(/[。；;，,、\s]+$/u, '');
  return /[！？!?]$/u.test(trimmed) ? trimmed : `${trimmed}。`;
}
