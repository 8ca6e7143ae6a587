import { RegistryPlansTasks1763900000000 } from './1763900000000-registry-plans-tasks.js';
import { TaskWork1763900100000 } from './1763900100000-task-work.js';
import { Escalation1763900200000 } from './1763900200000-escalation.js';
import { Evaluation1763900300000 } from './1763900300000-evaluation.js';
import { EscalationState1763900400000 } from './1763900400000-escalation-state.js';
import { DeliveryRetries1764800000000 } from './1764800000000-delivery-retries.js';
import { EscalationStateWithoutDepartment1764900000000 } from './1764900000000-escalation-state-without-department.js';
import { EventReferencesPerStatement1764900100000 } from './1764900100000-event-references-per-statement.js';
import { AssignmentSource1765100000000 } from './1765100000000-assignment-source.js';
import { DepartmentHistory1765200000000 } from './1765200000000-department-history.js';
import { AccountRevocation1765300000000 } from './1765300000000-account-revocation.js';
import { AppendOnlyAudit1765500000000 } from './1765500000000-append-only-audit.js';
import { ScorecardPosition1765600000000 } from './1765600000000-scorecard-position.js';
import { NotificationDigests1765800000000 } from './1765800000000-notification-digests.js';
import { LiaisonDisplayNames1765900000000 } from './1765900000000-liaison-display-names.js';
import { EvidenceFiles1766000000000 } from './1766000000000-evidence-files.js';
import { PlanRevisions1766100000000 } from './1766100000000-plan-revisions.js';
import { Publicity1766200000000 } from './1766200000000-publicity.js';
import { OutboxRequestId1766300000000 } from './1766300000000-outbox-request-id.js';
import { HolidayScheduleData1766400000000 } from './1766400000000-holiday-schedule-data.js';
import { EscalationNoticeDue1766500000000 } from './1766500000000-escalation-notice-due.js';
import { ReturnedTasksIndex1766700000000 } from './1766700000000-returned-tasks-index.js';

/** Every migration, in order. Imported as classes: the ESM data source cannot glob. */
export const migrations = [
  RegistryPlansTasks1763900000000,
  TaskWork1763900100000,
  Escalation1763900200000,
  Evaluation1763900300000,
  EscalationState1763900400000,
  DeliveryRetries1764800000000,
  EscalationStateWithoutDepartment1764900000000,
  EventReferencesPerStatement1764900100000,
  AssignmentSource1765100000000,
  DepartmentHistory1765200000000,
  AccountRevocation1765300000000,
  AppendOnlyAudit1765500000000,
  ScorecardPosition1765600000000,
  NotificationDigests1765800000000,
  LiaisonDisplayNames1765900000000,
  EvidenceFiles1766000000000,
  PlanRevisions1766100000000,
  Publicity1766200000000,
  OutboxRequestId1766300000000,
  HolidayScheduleData1766400000000,
  EscalationNoticeDue1766500000000,
  ReturnedTasksIndex1766700000000,
];
