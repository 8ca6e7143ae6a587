import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadInputError, groupByKeys, isCalendarDate, RequestLoaders, shanghaiToday } from '@app/common';
import { UserRole, type AccessScope } from '@app/auth';
import { EscalationSweepService, type SweepOutcome } from './escalation-sweep.service.js';
import { EscalationEvent } from './escalation-event.entity.js';

@Injectable()
export class EscalationEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
    private readonly sweeps: EscalationSweepService,
  ) {}

  /**
   * On-demand sweep. Only ADMIN may sweep a future date (to rehearse the ladder): a supervisor's
   * sweep for next month would raise real escalations early for every department.
   */
  runSweep(scope: AccessScope, asOf: string): Promise<SweepOutcome> {
    if (!isCalendarDate(asOf)) throw new BadInputError('asOf 须为 YYYY-MM-DD (asOf must be a date)');
    if (scope.user.role !== UserRole.ADMIN && asOf > shanghaiToday())
      throw new BadInputError('只能按今天或以前的日期巡检 (only ADMIN may sweep a future date)');
    return this.sweeps.sweep(asOf);
  }

  /** Every escalation of each task, for every due date it has had, oldest first. */
  eventsOfTaskLoader(request: object) {
    return this.loaders.get<string, EscalationEvent[]>(request, 'task.escalations', async (taskIds) => {
      const rows = await this.dataSource
        .getRepository(EscalationEvent)
        .createQueryBuilder('e')
        .where('e.task_id = ANY(:ids)', { ids: [...taskIds] })
        .orderBy('e.raised_at')
        .addOrderBy('e.level')
        .getMany();
      return groupByKeys(taskIds, rows, (e) => e.taskId);
    });
  }
}
