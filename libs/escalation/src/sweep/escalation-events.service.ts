import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { groupByKeys, RequestLoaders } from '@app/common';
import { EscalationEvent } from './escalation-event.entity.js';

@Injectable()
export class EscalationEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
  ) {}

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
