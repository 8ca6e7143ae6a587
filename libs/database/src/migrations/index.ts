import { RegistryPlansTasks1763900000000 } from './1763900000000-registry-plans-tasks.js';
import { TaskWork1763900100000 } from './1763900100000-task-work.js';

/** Every migration, in order. Imported as classes: the ESM data source cannot glob. */
export const migrations = [RegistryPlansTasks1763900000000, TaskWork1763900100000];
