import { AuthModule } from '@app/auth';
import { DepartmentsModule } from '@app/departments';
import { PlansModule } from '@app/plans';
import { TasksModule } from '@app/tasks';

/** The domain modules the API serves; their resolvers make up the GraphQL schema. */
export const DOMAIN_MODULES = [AuthModule, DepartmentsModule, PlansModule, TasksModule];
