import { App } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { asApiError } from '../../../api/client';
import { useMutation, useQuery } from '../../../api/hooks';
import { useUser } from '../../../auth/session';
import { DEPARTMENTS, PLAN, PUBLISH, type Measure } from './plan-review-queries';
import { needsReview } from './review-rules';

/**
 * The review page's data and state: the plan, the department options (only for a draft the office may
 * edit), the selected measure and its source lines, the "needs review" filter, publishing.
 */
export function usePlanReview(id: string) {
  const user = useUser();
  const { message } = App.useApp();
  const q = useQuery(PLAN, { id });
  const plan = q.data?.plan;
  const office = user.role === 'SUPERVISOR' || user.role === 'ADMIN';
  const draft = office && plan?.status === 'DRAFT';
  const departments = useQuery(DEPARTMENTS, {}, { skip: !draft });
  const [publish, publishing] = useMutation(PUBLISH);
  const [selected, setSelected] = useState<string | null>(null);
  const [onlyReview, setOnlyReview] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);

  const warningLines = useMemo(() => new Set(plan?.importWarnings.map((w) => w.line) ?? []), [plan]);
  // A measure's source runs up to the next measure's first line.
  const nextLineOf = useMemo(() => {
    const map = new Map<string, number>();
    const ms = plan?.measures ?? [];
    ms.forEach((m, i) => map.set(m.id, ms[i + 1]?.sourceLine ?? m.sourceLine + 1));
    return map;
  }, [plan]);
  const nextLine = (m: Measure) => nextLineOf.get(m.id) ?? m.sourceLine + 1;

  const departmentOptions = useMemo(
    () =>
      (departments.data?.departments ?? []).map((d) => ({
        value: d.id,
        label: `${d.name}（${d.jurisdiction.name}）`,
      })),
    [departments.data],
  );

  const scrollTo = (line: number) => {
    const el = panelRef.current?.querySelector<HTMLElement>(`#src-${line}`);
    if (el && panelRef.current) panelRef.current.scrollTop = el.offsetTop - panelRef.current.offsetTop - 40;
  };

  const selectMeasure = (m: Measure) => {
    setSelected(m.id);
    scrollTo(m.sourceLine);
  };

  const replaceMeasure = (m: Measure) =>
    q.setData((d) =>
      d.plan ? { plan: { ...d.plan, measures: d.plan.measures.map((x) => (x.id === m.id ? m : x)) } } : d,
    );

  const [, navigate] = useLocation();
  const doPublish = async () => {
    if (!plan) return;
    try {
      const { publishPlan } = await publish({ planId: plan.id });
      message.success(`已发布，生成 ${publishPlan.taskCount} 项任务`);
      // A revision is published into the plan it revises; the draft is gone.
      if (publishPlan.id !== plan.id) navigate(`/plans/${publishPlan.id}`);
      else q.reload();
    } catch (e) {
      message.error(`发布失败：${asApiError(e).message}`);
    }
  };

  const measures = plan?.measures ?? [];
  const shown = onlyReview ? measures.filter((m) => needsReview(m, warningLines, nextLine(m))) : measures;
  const selectedMeasure = measures.find((m) => m.id === selected);
  const highlight: [number, number] | null = selectedMeasure
    ? [selectedMeasure.sourceLine, nextLine(selectedMeasure) - 1]
    : null;

  return {
    q,
    plan,
    office,
    draft,
    departmentOptions,
    assignments: measures.reduce((n, m) => n + m.assignments.length, 0),
    shown,
    selected,
    selectMeasure,
    replaceMeasure,
    onlyReview,
    setOnlyReview,
    warningLines,
    highlight,
    panelRef,
    scrollTo,
    publishing,
    doPublish,
  };
}
