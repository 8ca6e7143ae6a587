// The grammar of actors in prose (行文中的责任主体): who the subject of a clause is, as regexp sources.
// Built per registry from its function words (卫生计生, 公安 …) and department names (市卫计局 …).
import { wordsSource } from '../resolve/index.js';

/** What a department named in prose is followed by: it acts (要, 应当, 负责 …) or takes on a duty. */
const ACTS = [
  '要|应当|应|须|需|必须|可|都|均|至少|负责|承担|加强|会同|牵头|积极|配合|联合|共同|切实|及时|依法|定期|进一步',
  '按照|按|做好|落实|组织|指导|督促|协调|统筹|推动|推进|推行|建立|完善|开展|严格|加大|制定|印发|继续|将|于|对|在',
  '每年|适时|逐步|全面|结合|依托|联动|参与|成立|组建|设立|构建|遴选|分级|筹集|补足|安排|提供',
  // 市疾病预防控制中心作为技术指导机构，要…: a subject with an apposition, then its duty.
  '作为[^，。；]{1,30}，(?:要|应当|应|须|必须)',
].join('|');
/** What closes a run of function words: 卫生计生、民政部门; 工会、妇联等单位; 综治组织; 疾病预防控制中心. */
export const SUFFIX = '行政主管部门|行政部门|主管部门|部门和单位|部门|机构|机关|单位|组织|中心';
const PREFIX = '各级|市级|县级|区级|省级|地方各级|全市|全区|市|县|区|省|国家|有关';
/** 市县两级, 市、县级, 市、县: levels named together (all but one in a word need a separator or 级). */
export const LEVELS =
  '[省市县区](?:(?:[、和及][省市县区])+|[省市县区]{1,3}(?=两级|三级|四级|级))(?:两级|三级|四级|级)?';
/** 各县（市、区）, 各区县, 各镇街, 其余各县: every child jurisdiction (其余: the importer cannot tell which). */
export const FAN_SCOPE = '(?:其余|其他|其它)?各(?:[区县市镇乡街道（）、]|自治县){1,12}';
const FAN_OUT = `${FAN_SCOPE}(?:人民政府|政府)?`;
/**
 * Institutions that share a subject list with departments (定点医院、疾病预防控制机构和基层医疗卫生机构要…):
 * they keep the list together and are dropped later. No preposition inside, so 向…、对… never starts one.
 */
const INSTITUTION =
  '[^\\s，。；：、和及与（）“”向对在将把被给从由]{0,10}(?:机构|医院|学校|院校|组织|单位|场所|中心|企业|社区)';
const SEPARATOR = '[、和及与]';
/** The last character of a word that names an organ itself (老龄委, 卫计局, 工会, 残联, 共青团). */
export const ORGAN = '[委局办厅署会联团]';
// The start of a clause: the actor is its subject, not the object of 向…/与…. A closing parenthesis counts
// only when the whole parenthetical stood at a clause start ((一)卫生部门要…), not inside a name (县(市、区)疾控中心).
const CLAUSE_START = '^|[。；！？：，\\s（“”]|由';
const BOUNDARY = `${CLAUSE_START}|(?:${CLAUSE_START})（[^（）]{0,20}）`;
// 加强卫生健康部门与应急管理、公安等部门联动执法: the parties to a joint action all act. Not 建立…的联动机制:
// a mechanism is built by someone else.
const JOINTLY_AFTER = '加强|强化|深化';
const JOINTLY = '(?:之间)?的?(?:联动|协作|合作|协同|配合|联合)(?!机制|平台|制度)';

export interface ActorPatterns {
  /** A run of actors at a clause start followed by what they do. */
  subject: RegExp;
  /** The parties of a joint action (加强A与B联动). */
  jointly: RegExp;
  /** A name, or a function word with its prefix and suffix: whether a 和 belongs inside (工业和信息化部). */
  whole: RegExp;
  /** A function word standing alone (卫生计生 in 卫生计生、民政部门): it takes the suffix of the run. */
  bare: RegExp;
  /** A word a level list (市、县级) is put before: a function word or a name. */
  word: RegExp;
  /** A mention that may name a department: not an institution of a list, nor the plan's own level (市及各县). */
  unit: RegExp;
}

/**
 * One member of a subject list: a department in any of its forms, a fan-out, or an institution. The first form
 * that fits is kept (see `run`), so the forms go from the most to the least specific.
 */
function itemSource(functionWords: string, names: string): string {
  // 卫生计生、民政: function words in a list. One copy of the words keeps the pattern small: past 20 000
  // characters V8 stops optimising a regexp, and every clause is searched with this one.
  const words = `(?:(?:${functionWords})${SEPARATOR}?)+(?<!${SEPARATOR})`;
  return [
    // 卫生计生、民政部门; 各县（市、区）疾病预防控制中心; 残联, 工会, 老龄委 (an organ needs no 部门).
    `(?:${PREFIX}|${FAN_SCOPE}(?:级)?)?${words}(?:(?:等)?(?:${SUFFIX})|(?<=${ORGAN}))`,
    ...(names ? [`(?:${names})`] : []),
    // 市、县级卫生计生、综治等单位; 市、县财政; 市财政: after levels the function word alone names the department.
    `(?:${LEVELS}|[省市县区]级?)${words}(?:(?:等)?(?:${SUFFIX}))?`,
    FAN_OUT,
    `${LEVELS}(?<=级)`,
    // 市及各县（区）: the plan's own level beside a fan-out.
    `[省市县区](?=[及和、]各)`,
    INSTITUTION,
  ].join('|');
}

/**
 * A run of items after `start`, one after a separator (、和及与) or `start`, the last followed by `end`; as group 1.
 * Each item is matched once and never taken apart again (a lookahead and a backreference, as group 2): otherwise
 * a run not followed by what it does would be retried in every way its members can be read, which grows with the
 * power of their number.
 */
function run(start: string, item: string, end: string): string {
  const member = `(?<=${start}|${SEPARATOR})(?=(${item}))\\2(?:${SEPARATOR}|(?=${end}))`;
  return `(?<=${start})((?:${member})+)(?=${end})`;
}

export function actorPatterns(functionWords: string, departmentNames: string[]): ActorPatterns {
  const long = departmentNames.filter((n) => n.length >= 3);
  const names = long.length > 0 ? wordsSource(long) : '';
  const item = itemSource(functionWords, names);
  const named = names ? `|${names}` : '';
  return {
    subject: new RegExp(run(BOUNDARY, item, ACTS), 'g'),
    jointly: new RegExp(`(?:${JOINTLY_AFTER})${run(JOINTLY_AFTER, item, JOINTLY)}`, 'g'),
    whole: new RegExp(`^(?:(?:${PREFIX})?(?:${functionWords})(?:${SUFFIX})?${named})$`),
    bare: new RegExp(`^(?:${PREFIX})?(?:${functionWords})$`),
    word: new RegExp(`^(?:${functionWords}${named})`),
    unit: new RegExp(
      `^(?:(?:${PREFIX}|${FAN_SCOPE}(?:级)?|[省市县区]级?)?(?:${functionWords})${named}|${FAN_OUT}$|[省市县区]级$)`,
    ),
  };
}
