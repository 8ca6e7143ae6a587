import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { EscalationCoreModule } from './escalation-core.module.js';
import { EscalationAnnouncements } from './escalation.announcements.js';
import { ESCALATION_QUEUE, EscalationSweepProcessor } from './sweep/escalation-sweep.processor.js';
import { EscalationSweepScheduler } from './sweep/escalation-sweep.scheduler.js';

/** Worker side: the daily schedule, its processor, and the announcements of what the sweep raised. */
@Module({
  imports: [EscalationCoreModule, BullModule.registerQueue({ name: ESCALATION_QUEUE })],
  providers: [EscalationSweepProcessor, EscalationSweepScheduler, EscalationAnnouncements],
})
export class EscalationWorkerModule {}
