import { Module } from '@nestjs/common';
import { SupervisionAnnouncements } from './supervision.announcements.js';

/** Worker side: the announcements of issued and answered notices. */
@Module({ providers: [SupervisionAnnouncements] })
export class SupervisionWorkerModule {}
