import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BadInputError, ConflictError, isCalendarDate, shanghaiToday } from '@app/common';
import { AuditService } from '@app/audit';
import { UserRole, type AccessScope } from '@app/auth';
import { EscalationSweepResult } from './dtos/escalation-sweep-result.type.js';
import { SweepJobState } from './dtos/sweep-job-state.js';
import { EscalationSweepQueue, type SweepQueueJob } from './escalation-sweep.queue.js';
import { EscalationSweepService } from './escalation-sweep.service.js';

const NO_ENTITY = '00000000-0000-0000-0000-000000000000';

/**
 * On-demand sweeps: queued for the worker, never run in the API (a sweep of a backlog takes
 * seconds and holds connections). One job per date and scope — ADMIN sweeps every jurisdiction,
 * a supervision office its own and those below it.
 */
@Injectable()
export class EscalationSweepJobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sweeps: EscalationSweepService,
    private readonly queue: EscalationSweepQueue,
    private readonly audit: AuditService,
  ) {}

  /**
   * Queues the sweep, or answers the one already queued for that date and scope. Only ADMIN may
   * sweep a future date (to rehearse the ladder): a supervisor's sweep for next month would raise
   * real escalations early. CONFLICT while any sweep runs.
   */
  async start(scope: AccessScope, asOf: string): Promise<EscalationSweepResult> {
    this.assertDate(scope, asOf);
    if (scope.user.role !== UserRole.ADMIN && asOf > shanghaiToday())
      throw new BadInputError('只能按今天或以前的日期巡检 (only ADMIN may sweep a future date)');
    if (await this.sweeps.isRunning())
      throw new ConflictError('巡检正在进行，请稍后再试 (a sweep is running; try again when it is done)');
    const jobId = sweepJobId(scope, asOf);
    const queued = await this.queue.job(jobId);
    const state = queued && stateOf(await this.queue.state(queued));
    if (queued && (state === SweepJobState.QUEUED || state === SweepJobState.RUNNING)) return resultOf(queued, state);
    // A finished job of the same date makes way: sweeping again is harmless (idempotent) and sees new tasks.
    if (queued) await this.queue.remove(queued);
    const job = await this.queue.add(jobId, { asOf, jurisdictionId: jurisdictionOf(scope) });
    await this.dataSource.transaction((m) =>
      this.audit.record(
        m,
        scope.user.id,
        'escalation.sweep',
        'jurisdiction',
        jurisdictionOf(scope) ?? NO_ENTITY,
        null,
        {
          asOf,
          jobId,
        },
      ),
    );
    return resultOf(job, stateOf(await this.queue.state(job)));
  }

  /** The caller's sweep of that date (its scope's job), null when none is kept (a day after it ends). */
  async find(scope: AccessScope, asOf: string): Promise<EscalationSweepResult | null> {
    this.assertDate(scope, asOf);
    const job = await this.queue.job(sweepJobId(scope, asOf));
    return job ? resultOf(job, stateOf(await this.queue.state(job))) : null;
  }

  private assertDate(scope: AccessScope, asOf: string): void {
    if (!isCalendarDate(asOf)) throw new BadInputError('asOf 须为 YYYY-MM-DD (asOf must be a date)');
    if (scope.user.role !== UserRole.ADMIN && !scope.user.jurisdictionId)
      throw new BadInputError('账号未归属辖区，不能巡检 (the account has no jurisdiction to sweep)');
  }
}

function jurisdictionOf(scope: AccessScope): string | null {
  return scope.user.role === UserRole.ADMIN ? null : scope.user.jurisdictionId;
}

/** BullMQ ids take no ':'; one id per date and scope is what deduplicates repeated calls. */
function sweepJobId(scope: AccessScope, asOf: string): string {
  return `sweep-${asOf}-${jurisdictionOf(scope) ?? 'all'}`;
}

function stateOf(state: string): SweepJobState {
  if (state === 'completed') return SweepJobState.COMPLETED;
  if (state === 'failed') return SweepJobState.FAILED;
  if (state === 'active') return SweepJobState.RUNNING;
  return SweepJobState.QUEUED;
}

function resultOf(job: SweepQueueJob, state: SweepJobState): EscalationSweepResult {
  const outcome = state === SweepJobState.COMPLETED ? job.returnvalue : null;
  return {
    jobId: job.id!,
    state,
    asOf: job.data.asOf!,
    raised: outcome?.raised ?? 0,
    calendarFallback: outcome?.calendarFallback ?? 0,
    reportReminders: outcome?.reportReminders ?? 0,
    unknownYears: outcome?.unknownYears ?? [],
  };
}
