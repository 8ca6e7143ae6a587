// Department resolution: from the words a plan uses (市卫计局, 公安部门, 各区县政府) to departments of the registry.
export { functionsNamed, functionWordsSource } from './function-words.js';
export { inferJurisdiction } from './infer-jurisdiction.js';
export { OTHER_FUNCTION, provisionalUnit } from './provisional-unit.js';
export { resolveMention } from './resolve-mention.js';
export { wordsSource } from './text.js';
export type { MentionContext, MentionResolution } from './types.js';
