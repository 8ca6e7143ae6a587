export * from './evaluation.module.js';
export * from './matrix/responsibility-matrix.service.js';
export * from './overview/task-overview.service.js';
export * from './scorecards/scorecards.service.js';
export * from './evaluations/evaluations.service.js';
export * from './excel/ledger-exports.service.js';
export * from './overview/dtos/task-overview.type.js';
