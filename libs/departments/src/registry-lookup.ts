import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { JurisdictionDirectory, type JurisdictionLookup } from '@app/auth';

/** The registry's answers to auth (scopes, account placements), registered with its JurisdictionDirectory. */
@Injectable()
export class RegistryLookup implements JurisdictionLookup, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: JurisdictionDirectory,
  ) {}

  onModuleInit(): void {
    this.directory.register(this);
  }

  async subtree(rootId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE t AS (SELECT id FROM jurisdiction WHERE id = $1
         UNION ALL SELECT j.id FROM jurisdiction j JOIN t ON j.parent_id = t.id)
       SELECT id FROM t`,
      [rootId],
    );
    return rows.map((r) => r.id);
  }

  async jurisdictionOfDepartment(m: EntityManager, departmentId: string): Promise<string | undefined> {
    const rows: { jurisdiction_id: string }[] = await m.query('SELECT jurisdiction_id FROM department WHERE id = $1', [
      departmentId,
    ]);
    return rows[0]?.jurisdiction_id;
  }

  async jurisdictionExists(m: EntityManager, jurisdictionId: string): Promise<boolean> {
    const found: unknown[] = await m.query('SELECT 1 FROM jurisdiction WHERE id = $1', [jurisdictionId]);
    return found.length > 0;
  }
}
