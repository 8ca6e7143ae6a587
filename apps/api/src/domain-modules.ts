import { AuthModule } from '@app/auth';
import { DepartmentsModule } from '@app/departments';
import { EscalationModule } from '@app/escalation';
import { EvaluationModule } from '@app/evaluation';
import { FilesModule } from '@app/files';
import { NotificationsModule } from '@app/notifications';
import { PlansModule } from '@app/plans';
import { PublicityModule } from '@app/publicity';
import { SupervisionModule } from '@app/supervision';
import { TasksModule } from '@app/tasks';

/** The domain modules the API serves; their resolvers make up the GraphQL schema. */
export const DOMAIN_MODULES = [
  AuthModule,
  DepartmentsModule,
  FilesModule,
  PlansModule,
  TasksModule,
  NotificationsModule,
  EscalationModule,
  SupervisionModule,
  EvaluationModule,
  PublicityModule,
];
