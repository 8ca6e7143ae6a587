// Chinese numerals as used by outline markers (一 … 九十九) and chapter numbers.
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 一百零三 → 103; NaN when not a numeral. */
export function parseChineseNumeral(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}

const UNITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十 (up to 99): for naming a chapter the document left out. */
export function toChineseNumeral(n: number): string {
  if (n < 10) return UNITS[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : UNITS[tens]}十${UNITS[n % 10]}`;
}
