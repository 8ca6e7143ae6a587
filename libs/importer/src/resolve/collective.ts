// Mentions that name many units at once and no single department: the caller warns instead of assigning.

const COLLECTIVE = /有关|相关|各部门|各单位|各部委|直属机构|企事业单位|成员单位|其他部门|其它部门/;
// 各级政府, 各级党委和政府, 各级: every level at once. 各级民政部门 is not here: it names a function.
const ALL_LEVELS = /^各级(?:党委)?[和、]?(?:人民)?(?:政府)?$/;

/** Why a mention is collective (各有关部门, 有关单位, 各级政府), or null when it may name departments. */
export function collectiveReason(mention: string): string | null {
  if (ALL_LEVELS.test(mention)) return `${mention}：泛指各级，无法对应到具体部门`;
  if (COLLECTIVE.test(mention)) return `${mention}：泛指有关单位，无法对应到具体部门`;
  return null;
}
