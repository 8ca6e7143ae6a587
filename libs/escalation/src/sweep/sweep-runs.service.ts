import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, QueryRunner } from 'typeorm';
import { OutboxWriter } from '@app/notifications';

/** The outbox kind announcing a whole sweep run: one message per recipient, plan and level. */
export const SWEEP_RUN_OUTBOX_KIND = 'ESCALATION_DIGEST';

/**
 * 巡检记录 the record of each sweep run (`escalation_sweep_run`). A run covers the ESCALATION outbox
 * rows its batches wrote since the last finished run, by outbox id (ids come in order; sweeps are
 * their only writers and hold the advisory lock), so what a run that failed half-way raised is
 * announced by the next one.
 */
@Injectable()
export class SweepRuns {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Called under the sweep's advisory lock; returns the run's id. */
  async start(runner: QueryRunner, asOf: string, jurisdictionId: string | null = null): Promise<string> {
    const [{ id }]: { id: string }[] = await runner.query(
      `INSERT INTO escalation_sweep_run (as_of, jurisdiction_id, first_outbox_id)
       SELECT $1, $2, coalesce(
         (SELECT last_outbox_id FROM escalation_sweep_run WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1),
         -- The first run ever: what earlier sweeps raised was announced event by event already.
         (SELECT max(id) FROM notification_outbox), 0)
       RETURNING id`,
      [asOf, jurisdictionId],
    );
    return id;
  }

  /** Marks the run finished and, when it raised anything, writes the outbox row announcing it. */
  async finish(runId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [run]: { raised: boolean }[] = await m.query(
        `WITH finished AS (
           UPDATE escalation_sweep_run
           SET finished_at = now(),
               last_outbox_id = greatest(first_outbox_id, (SELECT coalesce(max(id), 0) FROM notification_outbox))
           WHERE id = $1 RETURNING first_outbox_id, last_outbox_id)
         SELECT EXISTS (SELECT 1 FROM finished f JOIN notification_outbox o
                          ON o.id > f.first_outbox_id AND o.id <= f.last_outbox_id AND o.kind = 'ESCALATION') AS raised`,
        [runId],
      );
      if (run?.raised) await this.outbox.write(m, SWEEP_RUN_OUTBOX_KIND, { runId }, `escalation-run:${runId}`);
    });
  }
}
