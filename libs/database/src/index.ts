export * from './data-source.js';
export * from './migrate.js';
export * from './database.module.js';
export * from './transaction.js';
export * from './ensure-database.js';
export * from './entity-rows.js';
export * from './prepared-query.js';
export * from './database-socket.js';
