// Which parts of an outline hold measures: task chapters do; background, principles, goals,
// guarantees and supervision chapters describe the plan and hold none.
import { walk, type OutlineNode } from './outline.js';

const TASK_CHAPTER =
  /主要任务|重点任务|工作任务|任务措施|工作措施|主要措施|具体措施|防治措施|防控措施|策略与措施|重点工作|工作重点|重点项目|重点工程|主要举措|重点举措|行动任务|重点行动/;
const DESCRIPTIVE_CHAPTER =
  /背景|现状|形势|发展基础|基本情况|指导思想|原则|总则|目标|总体要求|总体思路|基本思路|保障措施|实施保障|保障机制|组织保障|组织实施|规划实施|督导|督查|监督与评估|监督检查|监测评估|评估考核|考核评估|有关要求|工作要求|指标体系|附则/;
// Below a task chapter only these exact headings are descriptive (a task may well say 完善监测评估体系).
const DESCRIPTIVE_SUBSECTION =
  /^(指导思想|基本原则|工作原则|总体目标|具体目标|工作目标|发展目标|主要目标|保障措施|组织实施)$/;

/** Whether a top-level chapter holds measures; chapters that say neither hold them (体制机制改革创新). */
export function chapterHoldsMeasures(titleText: string): boolean {
  return TASK_CHAPTER.test(titleText) || !DESCRIPTIVE_CHAPTER.test(titleText);
}

/** Marks every node: holds measures when its chapter does and no heading on its path is descriptive. */
export function classifySections(root: OutlineNode): Map<OutlineNode, boolean> {
  const holds = new Map<OutlineNode, boolean>();
  walk(root, (node) => {
    if (node.kind === 'box') holds.set(node, false);
    else if (node.parent === root) holds.set(node, chapterHoldsMeasures(node.titleText));
    else holds.set(node, holds.get(node.parent!)! && !DESCRIPTIVE_SUBSECTION.test(node.titleText));
  });
  return holds;
}
