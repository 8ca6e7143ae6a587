import { APP_CONFIG, Metrics, type AppConfig } from '../../libs/common/src/index.js';
import { EscalationSweepProcessor, EscalationSweepService } from '../../libs/escalation/src/index.js';
import type { TestApp } from './test-app.js';
import { waitFor } from './test-worker.js';

export interface SweepResult {
  jobId: string;
  state: 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED';
  asOf: string;
  raised: number;
  calendarFallback: number;
  reportReminders: number;
  unknownYears: number[];
}

const FIELDS = 'jobId state asOf raised calendarFallback reportReminders unknownYears';
export const RUN_SWEEP = `mutation($asOf: Date!) { runEscalationSweep(asOf: $asOf) { ${FIELDS} } }`;
export const READ_SWEEP = `query($asOf: Date!) { escalationSweep(asOf: $asOf) { ${FIELDS} } }`;

/**
 * The worker's sweep processor, on the API app's sweep service, queue prefix and Redis: for tests
 * that need sweeps done but not the relay and deliveries a whole worker would run.
 */
export function startSweepProcessor(t: TestApp): { stop: () => Promise<void> } {
  const processor = new EscalationSweepProcessor(
    t.app.get<AppConfig>(APP_CONFIG),
    t.get(Metrics),
    t.get(EscalationSweepService),
  );
  processor.onApplicationBootstrap();
  return { stop: () => processor.beforeApplicationShutdown() };
}

/** runEscalationSweep as `as`, then its result once the worker finished it. */
export async function sweepAndWait(t: TestApp, asOf: string, as: string): Promise<SweepResult> {
  const started = await t.gql<{ runEscalationSweep: SweepResult }>(RUN_SWEEP, { asOf }, as);
  if (!started.data) throw new Error(`runEscalationSweep: ${JSON.stringify(started.errors)}`);
  return waitFor(`the sweep of ${asOf}`, async () => {
    const read = await t.gql<{ escalationSweep: SweepResult | null }>(READ_SWEEP, { asOf }, as);
    const job = read.data?.escalationSweep;
    if (job?.state === 'FAILED') throw new Error(`sweep of ${asOf} failed`);
    return job?.state === 'COMPLETED' ? job : null;
  });
}
