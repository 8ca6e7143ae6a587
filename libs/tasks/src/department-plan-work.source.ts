import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DepartmentPlanWork, type DepartmentPlanWorkSource } from '@app/plans';

/** A department works in a plan when it has a task of it: what a liaison's plan list and plan(id) go by. */
@Injectable()
export class TaskPlanWork implements DepartmentPlanWorkSource, OnModuleInit {
  readonly condition = 'EXISTS (SELECT 1 FROM task t WHERE t.plan_id = p.id AND t.department_id = :dep)';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly work: DepartmentPlanWork,
  ) {}

  onModuleInit(): void {
    this.work.register(this);
  }

  async hasWork(planId: string, departmentId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM task WHERE plan_id = $1 AND department_id = $2 LIMIT 1',
      [planId, departmentId],
    );
    return rows.length > 0;
  }
}
