// Actors named in prose: 公安部门要…, 卫生计生、民政部门要…, 市综治部门应当…, 教育部门和卫生计生部门加强…,
// 市卫计局要会同…, 各区县政府要…. They become inferred (explicit: false) assignments.

/** What a department named in prose is followed by: it acts. */
const ACTS =
  '要|应当|应|负责|加强|会同|牵头|积极|配合|联合|共同|切实|及时|依法|定期|进一步|按照|按|做好|落实|组织|指导|督促|协调|统筹|推动|推进|推行|建立|完善|开展|严格|加大|制定|印发|继续|将|于|对|在|每年|适时|逐步|全面|结合|依托|联动|参与';
const SUFFIX = '行政主管部门|行政部门|主管部门|部门|机构';
const PREFIX = '各级|各|市级|县级|区级|省级|地方各级|全市|全区|市|县|区|省|国家|有关';
// The start of a clause: the actor is its subject, not the object of 向…/与….
const BOUNDARY = '(?<=^|[。；！？：，\\s（）“”]|由)';
// Institutions that carry out work but are not departments of a government.
const NOT_A_DEPARTMENT =
  /医疗|医院|卫生机构|专业机构|服务机构|预防控制机构|疾控机构|疾控中心|康复机构|养老机构|托育机构|金融机构|培训机构|教育机构|检测机构|科研机构|社会机构|学校/;
const FAN_OUT = '各(?:[区县市镇乡街道（）()、]|自治县){1,12}(?:人民政府|政府)?';
const RUN_SUFFIX = new RegExp(`(?:等)?(${SUFFIX})$`);
// A part that names an organ already (老龄委, 卫计局) takes no 部门 from the end of the run.
const ORGAN = /[委局办厅署会]$/;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds actors in prose; built once per registry and jurisdiction from function words and department names. */
export class ActorFinder {
  private readonly pattern: RegExp;
  private readonly whole: RegExp;

  constructor(functionWords: string, departmentNames: string[]) {
    const names = [...new Set(departmentNames)]
      .filter((n) => n.length >= 3)
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|');
    const unit = `(?:${functionWords})(?:[、和及与](?:${functionWords}))*(?:等)?(?:${SUFFIX})`;
    const named = names ? `|(?:${names})(?:[、和及与](?:${names}))*` : '';
    const actor = `(?:(?:${PREFIX})?${unit}(?:[、和及与](?:${PREFIX})?${unit})*${named}|${FAN_OUT})`;
    this.pattern = new RegExp(`${BOUNDARY}(${actor})(?=${ACTS})`, 'g');
    this.whole = new RegExp(`^(?:(?:${PREFIX})?(?:${functionWords})(?:${SUFFIX})?${names ? `|${names}` : ''})$`);
  }

  /**
   * The actors a line of prose names, as mentions one can resolve: 卫生计生、民政部门 → 卫生计生部门, 民政部门.
   * Pass the line without its parenthetical lists: those are explicit.
   */
  actors(text: string): string[] {
    const mentions: string[] = [];
    for (const m of text.matchAll(this.pattern)) {
      for (const mention of this.splitRun(m[1]!)) {
        if (!NOT_A_DEPARTMENT.test(mention) && !mentions.includes(mention)) mentions.push(mention);
      }
    }
    return mentions;
  }

  /** 卫生计生、民政部门 → 卫生计生部门, 民政部门; 工业和信息化部 stays whole; 各区县政府 stays whole. */
  private splitRun(run: string): string[] {
    if (run.startsWith('各') && !RUN_SUFFIX.test(run)) return [run];
    const suffix = RUN_SUFFIX.exec(run)?.[1] ?? '';
    return this.joinNames(run.split(/([、和及与])/)).map((p) => {
      const bare = p.replace(/等(?=[^等]*$)/, '');
      return RUN_SUFFIX.test(bare) || ORGAN.test(bare) || !suffix ? bare : `${bare}${suffix}`;
    });
  }

  /** Rejoins pieces split at a 和 that belongs to a name (工业|和|信息化部). */
  private joinNames(pieces: string[]): string[] {
    const parts: string[] = [];
    let current = pieces[0] ?? '';
    for (let i = 1; i < pieces.length; i += 2) {
      const joined = current + pieces[i] + pieces[i + 1];
      if (pieces[i] !== '、' && this.whole.test(joined.replace(RUN_SUFFIX, '$1'))) current = joined;
      else {
        parts.push(current);
        current = pieces[i + 1] ?? '';
      }
    }
    parts.push(current);
    return parts.filter(Boolean);
  }
}
