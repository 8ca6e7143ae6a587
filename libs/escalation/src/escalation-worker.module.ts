import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { EscalationCoreModule } from './escalation-core.module.js';
import { EscalationAnnouncements } from './escalation.announcements.js';
import { ESCALATION_QUEUE, EscalationSweepProcessor } from './sweep/escalation-sweep.processor.js';
import { EscalationSweepScheduler } from './sweep/escalation-sweep.scheduler.js';
import { CatchUpSweep } from './sweep/catch-up-sweep.js';

/** Worker side: the daily schedule, the catch-up sweep, their processor, and the announcements of what the sweep raised. */
@Module({
  imports: [EscalationCoreModule, BullModule.registerQueue({ name: ESCALATION_QUEUE })],
  providers: [EscalationSweepProcessor, EscalationSweepScheduler, CatchUpSweep, EscalationAnnouncements],
})
export class EscalationWorkerModule {}
