import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuthModule } from '@app/auth';
import { CommonModule, type AppConfig } from '@app/common';
import { DatabaseModule } from '@app/database';
import { DepartmentsModule } from '@app/departments';
import { PlansModule } from '@app/plans';
import { TasksModule } from '@app/tasks';
import { SeedService } from './seed.service.js';

/** What `npm start` needs before serving: the registry, the seed plans, the accounts. */
@Module({})
export class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedModule,
      imports: [
        CommonModule.forRoot(config),
        DatabaseModule,
        AuditModule,
        AuthModule,
        DepartmentsModule,
        PlansModule,
        TasksModule,
      ],
      providers: [SeedService],
    };
  }
}
