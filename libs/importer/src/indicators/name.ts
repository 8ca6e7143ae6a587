// An indicator's name as printed, and the unit tables often write inside it: 婴儿死亡率（‰）.

// 1/10万, /10万, %, ‰, 万人, 个, 張 … (matching form, so Traditional units arrive Simplified)
const UNIT =
  /^(?:\d+(?:\.\d+)?)?\/?(?:\d+)?[十百千万亿]*(?:%|‰|‱|人次|小时|分钟|千克|公斤|公里|平方米|立方米|毫升|床日|[个张人岁元辆克家所床次天台项名例件户座支吨米升])?$/;

function isUnit(s: string): boolean {
  return s.length > 0 && UNIT.test(s) && !/^[\d.]+$/.test(s);
}

export interface NameAndUnit {
  name: string;
  unit: string | null;
}

/**
 * Splits a trailing unit off a name: 居民健康素养水平（%） → 居民健康素养水平, %. The closing parenthesis
 * is sometimes lost in conversion (居民健康素养水平(%), so it is optional. Only units are split off;
 * qualifiers such as （门急诊、住院） stay in the name.
 */
export function splitUnit(original: string, text: string): NameAndUnit {
  const m = /（([^（）]{1,8})）?$/.exec(text);
  if (!m || !isUnit(m[1]!.trim())) return { name: original, unit: null };
  const suffix = original.slice(original.length - m[0].length);
  if (!/^[（(]/.test(suffix)) return { name: original, unit: null };
  return {
    name: original.slice(0, -m[0].length).trim(),
    unit: suffix
      .slice(1)
      .replace(/[）)]$/, '')
      .trim(),
  };
}

/** Drops the item number and footnote marks a list prints with a name: 4.出院患者手术占比▲ → 出院患者手术占比. */
export function cleanName(printed: string): string {
  return printed
    .replace(/^\d{1,3}\s*[.．、]\s*/, '')
    .replace(/[▲△★☆*＊]+$/, '')
    .trim();
}
