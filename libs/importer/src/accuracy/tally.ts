// Counting primitives shared by the scorers: tallies, keys that forgive width and spacing, functions of targets.
import type { DepartmentTarget } from '../types.js';

export interface Tally {
  hit: number;
  total: number;
}

export interface F1Tally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export const none = (): Tally => ({ hit: 0, total: 0 });

/** Spaces dropped and parentheses of both widths made one, as documents mix them freely. */
export function matchKey(s: string): string {
  return s
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

/** The function a target points at: given for provisional ones, encoded in the key of existing ones. */
export function functionOf(target: DepartmentTarget): string | null {
  if (target.kind === 'provisional') return target.functionCode;
  return target.departmentKey.split('.').find((part) => /^[A-Z][A-Z0-9_]*$/.test(part)) ?? null;
}

export function ratio(t: Tally): number {
  return t.total === 0 ? 1 : t.hit / t.total;
}

export function f1(t: F1Tally): number {
  const denominator = 2 * t.truePositives + t.falsePositives + t.falseNegatives;
  return denominator === 0 ? 1 : (2 * t.truePositives) / denominator;
}
