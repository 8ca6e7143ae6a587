// Which jurisdiction a mention speaks of: one it names (枣庄市卫生计生委), one its level word means (市卫计局 in a
// 相山区 plan is 淮北市's), else the plan's own.
import {
  type JurisdictionIndex,
  nearestWithSuffix,
  splitJurisdictionName,
  splitLevelPrefix,
} from './jurisdiction-index.js';

export interface MentionScope {
  jurisdictionKey: string;
  /** The mention without the words that named the jurisdiction: 卫计局. */
  rest: string;
}

/** 市卫计局 in a 相山区 plan: 淮北市 and 卫计局. Null when the mention opens with no level word the plan has. */
export function levelScope(jurisdictions: JurisdictionIndex, planKey: string, text: string): MentionScope | null {
  const split = splitLevelPrefix(text);
  const jurisdiction = split && nearestWithSuffix(jurisdictions, planKey, split.prefix);
  return split && jurisdiction ? { jurisdictionKey: jurisdiction.key, rest: split.rest } : null;
}

export function scopeOf(jurisdictions: JurisdictionIndex, planKey: string, text: string): MentionScope {
  const named = splitJurisdictionName(jurisdictions, text);
  if (named) return { jurisdictionKey: named.jurisdiction.key, rest: named.rest };
  return levelScope(jurisdictions, planKey, text) ?? { jurisdictionKey: planKey, rest: text };
}
