// Actors named in prose (行文中的责任主体): 公安部门要…, 卫生计生、民政部门要…, 市综治部门应当…,
// 教育部门和卫生计生部门加强…, 市卫计局要会同…, 各区县政府要…, 工会、妇联等单位要…, 疾病预防控制机构负责…,
// 由市、县财政补足…, 加强卫生健康部门与公安等部门联动执法…. They become inferred (explicit: false) assignments.
import { actorPatterns, type ActorPatterns } from './actor-grammar.js';
import { RunSplitter } from './actor-runs.js';

// Institutions that carry out work but are not units of a government (disease control centres are: 疾控中心).
const NOT_A_DEPARTMENT =
  /医疗|医院|卫生机构|专业机构|服务机构|康复机构|养老机构|托育机构|金融机构|培训机构|教育机构|检测机构|科研机构|社会机构|学校/;

const JOINT_WORDS = /联动|协作|合作|协同|配合|联合/;

/** Finds actors in prose; built once per registry and jurisdiction from function words and department names. */
export class ActorFinder {
  private readonly patterns: ActorPatterns;
  private readonly splitter: RunSplitter;

  constructor(functionWords: string, departmentNames: string[]) {
    this.patterns = actorPatterns(functionWords, departmentNames);
    this.splitter = new RunSplitter(this.patterns);
  }

  /**
   * The actors a line of prose names, as mentions one can resolve: 卫生计生、民政部门 → 卫生计生部门, 民政部门.
   * Pass the line without its parenthetical lists: those are explicit.
   */
  actors(text: string): string[] {
    const runs = [
      ...[...text.matchAll(this.patterns.subject)].map((m) => this.splitter.split(m[1]!)),
      // A joint action has two parties at least. Most lines name none: they are not searched.
      ...(JOINT_WORDS.test(text) ? [...text.matchAll(this.patterns.jointly)] : [])
        .map((m) => this.splitter.split(m[1]!))
        .filter((r) => r.length > 1),
    ];
    const mentions: string[] = [];
    for (const mention of runs.flat()) {
      if (this.patterns.unit.test(mention) && !NOT_A_DEPARTMENT.test(mention) && !mentions.includes(mention)) {
        mentions.push(mention);
      }
    }
    return mentions;
  }
}
