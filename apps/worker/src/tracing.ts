// Imported first by main.ts: tracing (when configured) must start before pg and ioredis are loaded.
import { startTracing } from '@app/common';

startTracing('luoshi-worker');
