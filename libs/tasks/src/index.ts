export * from './task-status.js';
export * from './task.entity.js';
export * from './tasks.service.js';
export * from './plan-publishing.service.js';
export * from './tasks.module.js';
