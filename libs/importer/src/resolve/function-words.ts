// The catalogue's function words for finding actors in prose: 公安部门要…, 卫生计生、民政部门….
import type { Registry } from '../types.js';
import { indexOf } from './registry-index.js';
import { longestAt, wordsSource } from './text.js';

const sources = new WeakMap<Registry, string>();

/** A regexp source matching any function word or national name of the catalogue, longest first. */
export function functionWordsSource(registry: Registry): string {
  let source = sources.get(registry);
  if (source === undefined) {
    source = wordsSource([...indexOf(registry).catalogue.byWord.keys()], notDepartment);
    sources.set(registry, source);
  }
  return source;
}

// 公安部门 is a local department in prose, not the ministry 公安部 followed by 门.
function notDepartment(word: string): string {
  return word.endsWith('部') ? '(?!门)' : '';
}

/** The function codes a text names, in order of first appearance: '卫生计生、民政部门' → ['HEALTH', 'CIVIL_AFFAIRS']. */
export function functionsNamed(registry: Registry, words: string): string[] {
  const { byWord, maxWord } = indexOf(registry).catalogue;
  const codes: string[] = [];
  for (let i = 0; i < words.length;) {
    const hit = longestAt(byWord, maxWord, words, i);
    if (hit && !codes.includes(hit.value)) codes.push(hit.value);
    i += hit?.length ?? 1;
  }
  return codes;
}
