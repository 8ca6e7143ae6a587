// The department that drafted a plan: owner of the measures that name no one.
import type { ResolveMention } from '../assignments/assign.js';
import { splitOutsideParentheses } from '../assignments/explicit-list.js';
import type { SourceLine } from '../normalise.js';
import type { DepartmentTarget, Registry } from '../types.js';

// 关于转发市卫计局等部门滕州市精神卫生工作规划的通知 → 市卫计局
const FORWARDED_FROM = /转发(.{2,20}?)(?:等(?:部门|单位)|关于|《)/;
// What a title is about → the function that usually drafts such a plan.
const TITLE_FUNCTIONS: [RegExp, string][] = [
  [/精神卫生|心理健康|慢性病|卫生|健康|疾病|艾滋病|结核病|医院|医疗|疫苗|传染病/, 'HEALTH'],
  [/就业|社会保障|养老保险/, 'HUMAN_RESOURCES'],
  [/农业|农机|农村/, 'AGRICULTURE'],
  [/幼儿园|学前教育|教育|学校/, 'EDUCATION'],
  [/保税区|海关/, 'CUSTOMS'],
];
const DEPARTMENT_NAME = /^[\u4e00-\u9fff（）]{2,16}$/;

export interface LeadSources {
  /** The notice and the plan's lines before its outline. */
  header: SourceLine[];
  /** The line after the title block, where the drafting departments may be listed. */
  afterTitle: SourceLine | undefined;
  title: string;
}

function resolved(resolve: ResolveMention, mention: string | undefined): DepartmentTarget | null {
  if (!mention) return null;
  const r = resolve(mention);
  return r.kind === 'department' ? r.target : null;
}

/** 市卫生和计划生育局、市委宣传部、市综治办…: the first of a list of drafting departments under the title. */
function firstDrafter(line: SourceLine | undefined): string | undefined {
  if (!line || /[。，：]/.test(line.text)) return undefined;
  const names = splitOutsideParentheses(line.text).map((n) => n.trim());
  return names.length >= 2 && names.every((n) => DEPARTMENT_NAME.test(n)) ? names[0] : undefined;
}

function titleFunction(registry: Registry, title: string): string | undefined {
  const code = TITLE_FUNCTIONS.find(([re]) => re.test(title))?.[1];
  const entry = registry.functions.find((f) => f.code === code);
  return entry ? `${entry.name}部门` : undefined;
}

export function leadDepartmentOf(
  registry: Registry,
  resolve: ResolveMention,
  sources: LeadSources,
): DepartmentTarget | null {
  const notice = sources.header.map((l) => l.text.replace(/\s/g, '')).join('');
  return (
    resolved(resolve, FORWARDED_FROM.exec(notice)?.[1]) ??
    resolved(resolve, firstDrafter(sources.afterTitle)) ??
    resolved(resolve, titleFunction(registry, sources.title))
  );
}
