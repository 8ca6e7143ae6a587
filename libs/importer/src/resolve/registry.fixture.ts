// The real registry of seeds/registry, loaded once for the resolver's tests.
import { fileURLToPath } from 'node:url';
import { loadRegistryFiles } from '../registry.js';

export const SEED_REGISTRY_DIR = fileURLToPath(new URL('../../../../seeds/registry', import.meta.url));
export const registry = loadRegistryFiles(SEED_REGISTRY_DIR);
