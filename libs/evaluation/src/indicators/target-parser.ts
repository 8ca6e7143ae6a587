// 目标值 targets as plans print them — ≥70, ＜7.72, 5—10, 1/80, 27左右, 下降5%, 提高10%, 持续增长, 有效下降 —
// read into a spec, then resolved against the baseline into the band a reported value must reach.
// Pure TypeScript: no Nest, no database.

export type Direction = 'up' | 'down';

export type TargetSpec =
  /** ≥70, ＜7.72, 90%以上, 不低于95 */
  | { kind: 'bound'; op: '>=' | '>' | '<=' | '<'; value: number }
  /** 5—10, 5~8, 1-2 */
  | { kind: 'range'; low: number; high: number }
  /** 27左右, 约27, ≈27 */
  | { kind: 'about'; value: number }
  /** A bare level (55, 1/80): which side is better follows from the baseline. */
  | { kind: 'level'; value: number }
  /** 下降5% (relative), 提高2个百分点 (points), 减少10 (absolute) — against the baseline. */
  | { kind: 'change'; direction: Direction; amount: number; unit: 'percent' | 'points' | 'absolute' }
  /** 持续增长, 有效下降, 同比例提高 (better than the baseline), 有效控制 (no worse than it). */
  | { kind: 'trend'; direction: Direction | 'hold' };

/** Values a band accepts: between min and max, each end open or closed; ±Infinity when unbounded. */
export interface Band {
  min: number;
  max: number;
  minInclusive: boolean;
  maxInclusive: boolean;
  /** How the band was read, for the reason shown to leaders. */
  note: string | null;
}

/** ±5%: how far 27左右 reaches. */
export const ABOUT_TOLERANCE = 0.05;

const NUMBER = String.raw`[+-]?\d+(?:\.\d+)?`;
const MAGNITUDE = String.raw`(?:%|‰|万|亿)?`;
const NUMBER_RE = new RegExp(`^(${NUMBER})(${MAGNITUDE})$`);
const RATIO_RE = new RegExp(String.raw`^(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)$`);
const RANGE_RE = new RegExp(`^(${NUMBER}${MAGNITUDE})(?:—|–|-|~|至|到)+(${NUMBER}${MAGNITUDE})$`);
const PLACEHOLDER_RE = /^(?:[/\\\-—–]+|无|暂无|—+)$/;

const PREFIX_OPS: [RegExp, '>=' | '>' | '<=' | '<'][] = [
  [/^(?:>=|≥|≧|不低于|不少于|不小于|达到|至少)/, '>='],
  [/^(?:<=|≤|≦|不高于|不多于|不超过|不大于|至多|控制在)/, '<='],
  [/^(?:>|高于|超过|大于|多于)/, '>'],
  [/^(?:<|低于|小于|少于)/, '<'],
];
const SUFFIX_OPS: [RegExp, '>=' | '<='][] = [
  [/(?:以上|及以上)$/, '>='],
  [/(?:以下|以内|及以下)$/, '<='],
];

const UP_WORDS = '提高|提升|增长|增長|增加|上升|扩大|擴大|改善';
const DOWN_WORDS = '下降|降低|减少|減少|缩小|縮小';
const ADVERB = '持续|持續|有效|逐步|稳步|穩步|明显|明顯|大幅|显著|顯著|同比例|进一步|進一步|逐年|不断|不斷';
const CHANGE_RE = new RegExp(
  `^(?:${ADVERB})?(${UP_WORDS}|${DOWN_WORDS})(\\d+(?:\\.\\d+)?)(%|‰|个百分点|個百分點)?(?:以上|左右)?$`,
);
const TREND_RE = new RegExp(`^(?:${ADVERB})?(${UP_WORDS}|${DOWN_WORDS})$`);
const HOLD_RE = /^(?:有效|严格|嚴格)?(?:控制|稳定|穩定|保持)(?:在基线水平|在现有水平)?$/;

/** NFKC folds full-width forms (＜, ％, ０–９, ～, －) into ASCII; spaces never matter. */
function clean(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * A printed number as a number: 72, 72%, 4.9‰, 1/80, 2万. Percent and per-mille signs are the unit,
 * not a scale — a target of 70% and a report of 72 compare as 70 and 72. Null when it is no number.
 */
export function parseNumber(printed: string | null | undefined): number | null {
  if (printed == null) return null;
  const text = clean(printed);
  const ratio = RATIO_RE.exec(text);
  if (ratio) {
    const denominator = Number(ratio[2]);
    return denominator === 0 ? null : Number(ratio[1]) / denominator;
  }
  const m = NUMBER_RE.exec(text);
  if (!m) return null;
  const scale = m[2] === '万' ? 1e4 : m[2] === '亿' ? 1e8 : 1;
  return Number(m[1]) * scale;
}

/** True for the cells tables print where there is no value: /, -, --, —, 无. */
export function isPlaceholder(printed: string): boolean {
  return PLACEHOLDER_RE.test(clean(printed));
}

/** Reads a printed target; null when it says nothing measurable. */
export function parseTarget(printed: string): TargetSpec | null {
  let text = clean(printed);
  if (!text || isPlaceholder(text)) return null;

  const change = CHANGE_RE.exec(text);
  if (change) {
    const direction: Direction = new RegExp(`^(?:${UP_WORDS})$`).test(change[1]!) ? 'up' : 'down';
    const unit = !change[3] ? 'absolute' : change[3] === '%' || change[3] === '‰' ? 'percent' : 'points';
    const amount = Number(change[2]) / (change[3] === '‰' ? 10 : 1);
    return { kind: 'change', direction, amount, unit };
  }
  const trend = TREND_RE.exec(text);
  if (trend) return { kind: 'trend', direction: new RegExp(`^(?:${UP_WORDS})$`).test(trend[1]!) ? 'up' : 'down' };
  if (HOLD_RE.test(text)) return { kind: 'trend', direction: 'hold' };

  let about = false;
  if (/左右$/.test(text) || /^(?:约|≈|~)/.test(text)) {
    about = true;
    text = text.replace(/左右$/, '').replace(/^(?:约|≈|~)/, '');
  }
  for (const [re, op] of PREFIX_OPS) {
    if (!re.test(text)) continue;
    const value = parseNumber(text.replace(re, '').replace(/(?:以上|以下|以内)$/, ''));
    return value === null ? null : { kind: 'bound', op, value };
  }
  for (const [re, op] of SUFFIX_OPS) {
    if (!re.test(text)) continue;
    const value = parseNumber(text.replace(re, ''));
    return value === null ? null : { kind: 'bound', op, value };
  }
  const range = RANGE_RE.exec(text);
  if (range) {
    const low = parseNumber(range[1]);
    const high = parseNumber(range[2]);
    if (low !== null && high !== null) return { kind: 'range', low: Math.min(low, high), high: Math.max(low, high) };
  }
  const value = parseNumber(text.replace(/^[=]/, ''));
  if (value === null) return null;
  return about ? { kind: 'about', value } : { kind: 'level', value };
}

const band = (
  min: number,
  max: number,
  minInclusive: boolean,
  maxInclusive: boolean,
  note: string | null = null,
): Band => ({ min, max, minInclusive, maxInclusive, note });

/** The band a target asks for, given the baseline; a string says why it cannot be resolved. */
export function resolveTarget(spec: TargetSpec, baseline: number | null): Band | string {
  switch (spec.kind) {
    case 'bound':
      if (spec.op === '>=' || spec.op === '>') return band(spec.value, Infinity, spec.op === '>=', false);
      return band(-Infinity, spec.value, false, spec.op === '<=');
    case 'range':
      return band(spec.low, spec.high, true, true);
    case 'about': {
      const reach = Math.abs(spec.value) * ABOUT_TOLERANCE;
      return band(spec.value - reach, spec.value + reach, true, true, `按 ±${ABOUT_TOLERANCE * 100}% 计`);
    }
    case 'level':
      if (baseline === null) return band(spec.value, Infinity, true, false, '无基线，按不低于目标值计');
      if (baseline > spec.value) return band(-Infinity, spec.value, false, true, '低于基线，按不高于目标值计');
      return band(spec.value, Infinity, true, false, baseline === spec.value ? '保持基线水平' : null);
    case 'change': {
      if (baseline === null) return '相对目标需要基线值 (a relative target needs a baseline)';
      const step =
        spec.unit === 'percent' ? (Math.abs(baseline) * spec.amount) / 100 : spec.amount; /* points or absolute */
      const goal = round(spec.direction === 'up' ? baseline + step : baseline - step);
      const note = `基线 ${fmt(baseline)} → ${fmt(goal)}`;
      return spec.direction === 'up'
        ? band(goal, Infinity, true, false, note)
        : band(-Infinity, goal, false, true, note);
    }
    case 'trend':
      if (baseline === null) return '定性目标需要基线值 (a qualitative target needs a baseline)';
      if (spec.direction === 'up') return band(baseline, Infinity, false, false, `高于基线 ${fmt(baseline)}`);
      if (spec.direction === 'down') return band(-Infinity, baseline, false, false, `低于基线 ${fmt(baseline)}`);
      return band(-Infinity, baseline, false, true, `不高于基线 ${fmt(baseline)}`);
  }
}

export function inBand(b: Band, value: number): boolean {
  const aboveMin = b.minInclusive ? value >= b.min : value > b.min;
  const belowMax = b.maxInclusive ? value <= b.max : value < b.max;
  return aboveMin && belowMax;
}

/** How far a value lies outside the band (0 inside it or on an open end). */
export function gapTo(b: Band, value: number): number {
  if (value < b.min) return b.min - value;
  if (value > b.max) return value - b.max;
  return 0;
}

/** Rounds away binary noise (31.7 × 1.05 = 33.285000000000004). */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function fmt(x: number): string {
  return String(round(x));
}
