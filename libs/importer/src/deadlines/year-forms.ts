// Target years written without 年: a bare year opening a target (2025专业公共卫生机构人员数达到15人) and a
// five-year-plan period (十四五期间实现…全覆盖 → the period's last year, 2025).

// A bare year at a clause start, glued to the words of a target phrase in its clause. Not a count (2025人,
// 2000余家) nor a range (2016-2030).
const BARE_YEAR =
  /((?:19|20)\d{2})(?<=(?:^|[。；，：\s])\d{4})(?=[\u4e00-\u9fff])(?![年人个家张所名万亿元项次例台辆床件座条户余多])(?=[^。；，]{0,40}?(?:达到|实现|完成|建成|提高到|降低到|下降到|降至|控制在|不低于|不少于))/g;
// 十四五期间, “十四五”时期, 十三五末: the Nth five-year plan (五年规划) from the third on ends in 1955 + 5N.
// 较“十三五”期末 (a baseline) and 十三五以来 (since) are not targets.
const FIVE_YEAR_PERIOD =
  /十(?<![比较与同]“?十)([一二三四五六七八九])五”?(?:规划)?(?:期间|时期|期末|末|内)(?!以来|的基础)/g;
const DIGITS = '一二三四五六七八九';

function lastYearOfFiveYearPlan(units: string): number {
  return 1955 + 5 * (10 + DIGITS.indexOf(units) + 1);
}

/** The years a text names in these forms, as target years. */
export function bareTargetYears(text: string): number[] {
  return [
    ...[...text.matchAll(BARE_YEAR)].map((m) => Number(m[1])),
    ...[...text.matchAll(FIVE_YEAR_PERIOD)].map((m) => lastYearOfFiveYearPlan(m[1]!)),
  ];
}
