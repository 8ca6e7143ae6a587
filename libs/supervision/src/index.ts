export * from './notice-status.js';
export * from './supervision-notice.entity.js';
export * from './supervision-notices.service.js';
export * from './supervision.module.js';
export * from './supervision-worker.module.js';
export * from './notice-scope.js';
