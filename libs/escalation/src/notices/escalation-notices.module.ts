import { Module } from '@nestjs/common';
import { EscalationNotices } from './escalation-notices.service.js';

/** For supervision, which tells escalation of its notices (it imports escalation, never the reverse). */
@Module({ providers: [EscalationNotices], exports: [EscalationNotices] })
export class EscalationNoticesModule {}
