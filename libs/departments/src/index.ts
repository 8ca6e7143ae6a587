export * from './jurisdiction.entity.js';
export * from './department.entity.js';
export * from './department-function.entity.js';
export * from './departments.service.js';
export * from './registry-seeder.service.js';
export * from './departments.module.js';
export * from './registry-admin/department-merge-participants.js';
export * from './registry-admin/registry-admin.types.js';
