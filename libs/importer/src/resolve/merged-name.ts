// Bureaus whose names join several functions (市科技和信息化局, 市国土房管局): one department per function named.
import { DEPARTMENT_TAIL } from './catalogue.js';
import type { RegistryIndex } from './registry-index.js';
import { longestAt } from './text.js';

const SEPARATOR = /^[和与及、]$/;

/**
 * The functions a merged name joins, in order, or null unless the words before the department tail are all
 * function words of the catalogue (separators aside) naming at least two functions. 科技和信息化局 → SCIENCE_TECH,
 * INDUSTRY_IT; 国土房管局 → NATURAL_RESOURCES, HOUSING_CONSTRUCTION; 科技创新局 → null (创新 is no function).
 */
export function functionsOfMergedName(index: RegistryIndex, words: string): string[] | null {
  const { byPattern, maxPattern } = index.catalogue;
  const codes: string[] = [];
  let i = 0;
  while (i < words.length) {
    const hit = longestAt(byPattern, maxPattern, words, i);
    if (hit) {
      if (!codes.includes(hit.value)) codes.push(hit.value);
      i += hit.length;
    } else if (codes.length > 0 && SEPARATOR.test(words[i]!)) {
      i++;
    } else break;
  }
  return codes.length >= 2 && DEPARTMENT_TAIL.test(words.slice(i)) ? codes : null;
}
