export * from './publicity.module.js';
export * from './public-plan.type.js';
