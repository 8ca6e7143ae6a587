import type { EntityManager } from 'typeorm';
import type { UserRole } from '@app/auth';

/**
 * Who hears of something: the users of a role in a department (liaisons) or a jurisdiction
 * (supervision office, leaders), every ADMIN, or one user. Webhook endpoints follow the same
 * places: a department's endpoint hears what its liaisons hear, a jurisdiction's what its office
 * and leaders hear.
 */
export type Audience =
  | { role: UserRole.LIAISON; departmentId: string }
  | { role: UserRole.SUPERVISOR | UserRole.LEADER; jurisdictionId: string }
  | { role: UserRole.ADMIN }
  | { userId: string };

/** One thing to tell: the in-app message, the e-mail and the webhook payload are made from it. */
export interface Announcement {
  /** Stable key of what is announced (escalation:<event id>): deliveries are idempotent per key, recipient and channel. */
  sourceKey: string;
  kind: string;
  taskId: string | null;
  subject: string;
  message: string;
  audience: Audience[];
  /** Where the console shows what a grouped message is about (the overdue queue filtered by plan and level). */
  link?: string | null;
  /** A daily digest itself: delivered at once, whatever the recipient's preference for its kind. */
  digest?: boolean;
}

/** Turns the payload of one outbox row of its kinds into announcements. Registered by the domain that writes them. */
export interface AnnouncementSource {
  readonly kinds: readonly string[];
  announce(manager: EntityManager, kind: string, payload: unknown): Promise<Announcement[]>;
}
