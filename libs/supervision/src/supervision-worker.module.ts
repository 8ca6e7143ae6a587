import { Module } from '@nestjs/common';
import { SupervisionAnnouncements } from './supervision.announcements.js';
import { TaskNewsAnnouncements } from './task-news/task-news.announcements.js';

/** Worker side: the announcements of issued and answered notices, and of the office's decisions on tasks. */
@Module({ providers: [SupervisionAnnouncements, TaskNewsAnnouncements] })
export class SupervisionWorkerModule {}
