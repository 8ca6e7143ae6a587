// The plan importer's public API: pure TypeScript, text in, a structured draft out.
export * from './types.js';
export { normaliseDocument } from './normalise.js';
export { loadRegistryFiles } from './registry.js';
export { resolveMention, inferJurisdiction } from './resolve/index.js';
export { importDocument } from './import-document.js';
