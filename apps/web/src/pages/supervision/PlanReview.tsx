import { AimOutlined, DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import '../../dayjs-zh';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useLocation, useParams } from 'wouter';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { PageState } from '../../components/PageState';
import { graphql, type ResultOf } from '../../graphql';
import { ASSIGNMENT_SOURCE, formatDate, PLAN_STATUS, ROLE_IN_MEASURE } from '../../labels';
import { PlanRevisions } from './revisions/PlanRevisions';

const MEASURE_FIELDS = graphql(`
  fragment ReviewMeasure on Measure {
    id
    code
    title
    text
    sectionTitle
    sourceLine
    deadline
    deadlineSource
    assignments {
      id
      role
      explicit
      mentionedAs
      fanOutOf
      source
      department {
        id
        name
        shortName
        provisional
      }
    }
  }
`);

const PLAN = graphql(
  `
    query PlanReview($id: ID!) {
      plan(id: $id) {
        id
        title
        status
        documentNumber
        issuer
        periodStart
        periodEnd
        taskCount
        startLine
        endLine
        sourceText
        jurisdiction {
          id
          name
        }
        importWarnings {
          line
          message
          excerpt
        }
        measures {
          ...ReviewMeasure
        }
        indicators {
          id
          name
          unit
          category
          baselineYear
          baselineValue
          nature
          sourceLine
          targets {
            year
            value
          }
        }
      }
    }
  `,
  [MEASURE_FIELDS],
);

const DEPARTMENTS = graphql(`
  query ReviewDepartments {
    departments {
      id
      name
      shortName
      jurisdiction {
        id
        name
      }
    }
  }
`);

const ADD = graphql(
  `
    mutation AddAssignment($measureId: ID!, $departmentId: ID!, $role: AssignmentRole!) {
      addAssignment(measureId: $measureId, departmentId: $departmentId, role: $role) {
        ...ReviewMeasure
      }
    }
  `,
  [MEASURE_FIELDS],
);
const REMOVE = graphql(
  `
    mutation RemoveAssignment($assignmentId: ID!) {
      removeAssignment(assignmentId: $assignmentId) {
        ...ReviewMeasure
      }
    }
  `,
  [MEASURE_FIELDS],
);
const CHANGE_ROLE = graphql(
  `
    mutation ChangeAssignmentRole($assignmentId: ID!, $role: AssignmentRole!) {
      changeAssignmentRole(assignmentId: $assignmentId, role: $role) {
        ...ReviewMeasure
      }
    }
  `,
  [MEASURE_FIELDS],
);
const SET_DEADLINE = graphql(
  `
    mutation SetMeasureDeadline($measureId: ID!, $deadline: Date!) {
      setMeasureDeadline(measureId: $measureId, deadline: $deadline) {
        ...ReviewMeasure
      }
    }
  `,
  [MEASURE_FIELDS],
);
const PUBLISH = graphql(`
  mutation PublishPlan($planId: ID!) {
    publishPlan(planId: $planId) {
      id
      status
      taskCount
    }
  }
`);

type Plan = NonNullable<ResultOf<typeof PLAN>['plan']>;
type Measure = ResultOf<typeof MEASURE_FIELDS>;
type Role = Measure['assignments'][number]['role'];

const ROLE_OPTIONS = (['LEAD', 'COOPERATING', 'RESPONSIBLE'] as const).map((r) => ({
  value: r,
  label: ROLE_IN_MEASURE[r]!.text,
}));

const DEADLINE_SOURCE: Record<string, string> = {
  text: '原文写明',
  'plan-end': '取规划期末',
  review: '审核设定',
  none: '未设定',
};

function needsReview(m: Measure, warningLines: Set<number>, nextLine: number): boolean {
  if (m.assignments.length === 0 || m.assignments.some((a) => !a.explicit || a.department.provisional)) return true;
  if (!m.deadline) return true;
  for (let l = m.sourceLine; l < nextLine; l++) if (warningLines.has(l)) return true;
  return false;
}

interface MeasureCardProps {
  measure: Measure;
  draft: boolean;
  selected: boolean;
  departments: { value: string; label: string }[];
  onSelect(): void;
  onChanged(m: Measure): void;
}

function MeasureCard({ measure, draft, selected, departments, onSelect, onChanged }: MeasureCardProps) {
  const { message } = App.useApp();
  const [add, adding] = useMutation(ADD);
  const [remove, removing] = useMutation(REMOVE);
  const [changeRole, changing] = useMutation(CHANGE_ROLE);
  const [setDeadline, settingDeadline] = useMutation(SET_DEADLINE);
  const [newDept, setNewDept] = useState<string | undefined>();
  const [newRole, setNewRole] = useState<Role>('COOPERATING');
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const busy = adding || removing || changing || settingDeadline;

  const run = async <T,>(action: () => Promise<T>, pick: (r: T) => Measure, done: string) => {
    try {
      onChanged(pick(await action()));
      message.success(done);
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };

  // 各区县政府 fans out to every child government: shown as one line until expanded.
  const groups: { key: string; role: Role; mentionedAs: string; members: Measure['assignments'] }[] = [];
  for (const a of measure.assignments) {
    const key = a.fanOutOf ? `${a.mentionedAs}|${a.role}` : a.id;
    const group = groups.find((g) => g.key === key);
    if (group) group.members.push(a);
    else groups.push({ key, role: a.role, mentionedAs: a.mentionedAs, members: [a] });
  }

  const assignmentRow = (a: Measure['assignments'][number]) => (
    <div
      role="listitem"
      key={a.id}
      data-testid="assignment"
      data-explicit={a.explicit}
      style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, padding: '4px 0' }}
    >
      <Tag color={ROLE_IN_MEASURE[a.role]?.color}>{ROLE_IN_MEASURE[a.role]?.text}</Tag>
      <span>{a.department.name}</span>
      <Tooltip title={a.explicit ? '原文括注中明确列出的单位' : '从正文叙述中推断的单位，请核实'}>
        <Tag color={a.explicit ? 'green' : 'orange'} style={{ borderStyle: a.explicit ? 'solid' : 'dashed' }}>
          {a.explicit ? '明确' : '推断'}
        </Tag>
      </Tooltip>
      {a.department.provisional && <Tag color="volcano">新建单位待确认</Tag>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="assignment-source">
        {ASSIGNMENT_SOURCE[a.source] ?? a.source}
        {a.mentionedAs && `（原文：${a.mentionedAs}）`}
      </Typography.Text>
      {draft && (
        <span style={{ marginLeft: 'auto', display: 'inline-flex', gap: 4 }}>
          <Select
            size="small"
            value={a.role}
            options={ROLE_OPTIONS}
            style={{ width: 84 }}
            disabled={busy}
            aria-label={`${a.department.name} 的角色`}
            onChange={(role) =>
              run(
                () => changeRole({ assignmentId: a.id, role }),
                (r) => r.changeAssignmentRole,
                '已修改角色',
              )
            }
          />
          <Popconfirm
            title={`从本措施中移除「${a.department.name}」？`}
            okText="移除"
            cancelText="取消"
            onConfirm={() =>
              run(
                () => remove({ assignmentId: a.id }),
                (r) => r.removeAssignment,
                '已移除',
              )
            }
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`移除 ${a.department.name}`} />
          </Popconfirm>
        </span>
      )}
    </div>
  );

  return (
    <Card
      size="small"
      style={{ marginBottom: 12, borderColor: selected ? '#b7282e' : undefined }}
      data-testid="measure-card"
      title={
        <Space wrap size={4}>
          <Tag>{measure.code}</Tag>
          <span style={{ whiteSpace: 'normal' }}>{measure.title}</span>
        </Space>
      }
      extra={
        <Button
          size="small"
          type="text"
          icon={<AimOutlined />}
          onClick={onSelect}
          aria-label={`定位 ${measure.code} 的原文`}
        >
          原文第 {measure.sourceLine} 行
        </Button>
      }
    >
      <Typography.Paragraph
        type="secondary"
        ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
        style={{ fontSize: 13, marginBottom: 8 }}
      >
        {measure.text}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8 }}>
        <span>完成时限：</span>
        {draft ? (
          <DatePicker
            size="small"
            value={measure.deadline ? dayjs(measure.deadline) : null}
            allowClear={false}
            disabled={busy}
            aria-label={`${measure.code} 完成时限`}
            onChange={(d) =>
              d &&
              run(
                () => setDeadline({ measureId: measure.id, deadline: d.format('YYYY-MM-DD') }),
                (r) => r.setMeasureDeadline,
                '已设定完成时限',
              )
            }
          />
        ) : (
          <strong>{formatDate(measure.deadline)}</strong>
        )}
        <Tag color={measure.deadlineSource === 'none' ? 'error' : 'default'}>
          {DEADLINE_SOURCE[measure.deadlineSource] ?? measure.deadlineSource}
        </Tag>
      </Space>
      {measure.assignments.length === 0 && (
        <Alert type="warning" showIcon title="未识别到责任单位，请添加" style={{ marginBottom: 8 }} />
      )}
      <div role="list" aria-label={`${measure.code} 的责任单位`}>
        {groups.map((g) =>
          g.members.length > 3 && !expanded.has(g.key) ? (
            <div
              role="listitem"
              key={g.key}
              style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, padding: '4px 0' }}
            >
              <Tag color={ROLE_IN_MEASURE[g.role]?.color}>{ROLE_IN_MEASURE[g.role]?.text}</Tag>
              <span>
                {g.mentionedAs}：分解到 {g.members.length} 个下级政府
              </span>
              <Tag color={g.members.every((m) => m.explicit) ? 'green' : 'orange'}>
                {g.members.every((m) => m.explicit) ? '明确' : '推断'}
              </Tag>
              <Button size="small" type="link" onClick={() => setExpanded((x) => new Set(x).add(g.key))}>
                展开逐个调整
              </Button>
            </div>
          ) : (
            g.members.map((a) => assignmentRow(a))
          ),
        )}
      </div>
      {draft && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="添加责任单位"
            aria-label={`为 ${measure.code} 添加责任单位`}
            options={departments}
            value={newDept}
            onChange={setNewDept}
            style={{ flex: 1, minWidth: 0 }}
            size="small"
          />
          <Select
            size="small"
            value={newRole}
            onChange={setNewRole}
            options={ROLE_OPTIONS}
            style={{ width: 84 }}
            aria-label="新增单位的角色"
          />
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={!newDept || busy}
            onClick={() =>
              newDept &&
              run(
                () => add({ measureId: measure.id, departmentId: newDept, role: newRole }),
                (r) => r.addAssignment,
                '已添加责任单位',
              ).then(() => setNewDept(undefined))
            }
          >
            添加
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

function SourcePanel({
  plan,
  highlight,
  warningLines,
  panelRef,
}: {
  plan: Plan;
  highlight: [number, number] | null;
  warningLines: Set<number>;
  panelRef: React.RefObject<HTMLDivElement | null>;
}) {
  const lines = useMemo(() => plan.sourceText.split(/\r\n?|\n/), [plan.sourceText]);
  const from = Math.max(1, plan.startLine);
  const to = Math.min(lines.length, plan.endLine || lines.length);
  const rows = [];
  for (let no = from; no <= to; no++) {
    const hl = highlight && no >= highlight[0] && no <= highlight[1];
    rows.push(
      <div key={no} id={`src-${no}`} className={`source-line${hl ? ' hl' : ''}${warningLines.has(no) ? ' warn' : ''}`}>
        <span className="no">{no}</span>
        <span>{lines[no - 1]}</span>
      </div>,
    );
  }
  return (
    <div className="source-lines" ref={panelRef} tabIndex={0} aria-label="规划原文" data-testid="source-panel">
      {rows}
    </div>
  );
}

/** 审核草稿: measures beside their source lines, proposed assignments (explicit or inferred), warnings; publish. */
export default function PlanReview() {
  const { id = '' } = useParams();
  const user = useUser();
  const { message } = App.useApp();
  const q = useQuery(PLAN, { id });
  const plan = q.data?.plan;
  const office = user.role === 'SUPERVISOR' || user.role === 'ADMIN';
  const draft = office && plan?.status === 'DRAFT';
  const departments = useQuery(DEPARTMENTS, {}, { skip: !draft });
  const [publish, publishing] = useMutation(PUBLISH);
  const [, navigate] = useLocation();
  const [selected, setSelected] = useState<string | null>(null);
  const [onlyReview, setOnlyReview] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);

  const warningLines = useMemo(() => new Set(plan?.importWarnings.map((w) => w.line) ?? []), [plan]);
  const nextLineOf = useMemo(() => {
    const map = new Map<string, number>();
    const ms = plan?.measures ?? [];
    ms.forEach((m, i) => map.set(m.id, ms[i + 1]?.sourceLine ?? m.sourceLine + 1));
    return map;
  }, [plan]);

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
  const assignments = measures.reduce((n, m) => n + m.assignments.length, 0);
  const inferred = measures.reduce((n, m) => n + m.assignments.filter((a) => !a.explicit).length, 0);
  const shown = onlyReview
    ? measures.filter((m) => needsReview(m, warningLines, nextLineOf.get(m.id) ?? m.sourceLine + 1))
    : measures;
  const selectedMeasure = measures.find((m) => m.id === selected);
  const highlight: [number, number] | null = selectedMeasure
    ? [selectedMeasure.sourceLine, (nextLineOf.get(selectedMeasure.id) ?? selectedMeasure.sourceLine + 1) - 1]
    : null;

  return (
    <div>
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!plan}
        onRetry={q.reload}
        empty={!!q.data && !plan}
        emptyText="未找到该规划，可能已被删除或不在您的权限范围内"
      >
        {plan && (
          <>
            <Space style={{ width: '100%', justifyContent: 'space-between', alignItems: 'flex-start' }} wrap>
              <div>
                <h1 className="page-title" style={{ marginBottom: 4 }} data-testid="plan-title">
                  {plan.title}
                </h1>
                <Space wrap>
                  <Tag color={PLAN_STATUS[plan.status]?.color} data-testid="plan-status">
                    {PLAN_STATUS[plan.status]?.text}
                  </Tag>
                  {plan.documentNumber && <span>{plan.documentNumber}</span>}
                  <span>{plan.jurisdiction.name}</span>
                  {plan.periodStart && (
                    <span>
                      规划期 {plan.periodStart}—{plan.periodEnd}年
                    </span>
                  )}
                </Space>
              </div>
              {draft && (
                <Popconfirm
                  title="发布规划"
                  description={`发布后将按 ${assignments} 个责任分工生成任务并通知各单位，发布后不能再修改分工。确认发布？`}
                  okText="确认发布"
                  cancelText="取消"
                  onConfirm={doPublish}
                >
                  <Button type="primary" icon={<SendOutlined />} loading={publishing} data-testid="publish-button">
                    发布规划
                  </Button>
                </Popconfirm>
              )}
            </Space>
            <PlanRevisions key={plan.status} planId={plan.id} />
            <Descriptions
              size="small"
              style={{ margin: '12px 0' }}
              column={{ xs: 2, sm: 4 }}
              items={[
                { key: 'm', label: '措施', children: <span data-testid="measure-count">{measures.length}</span> },
                { key: 'a', label: '责任分工', children: assignments },
                { key: 'i', label: '其中推断', children: inferred },
                { key: 'w', label: '待核实提示', children: plan.importWarnings.length },
                ...(plan.status !== 'DRAFT' ? [{ key: 't', label: '任务', children: plan.taskCount }] : []),
              ]}
            />
            {plan.importWarnings.length > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                title={`导入时有 ${plan.importWarnings.length} 处需要核实`}
                description={
                  <div style={{ maxHeight: 160, overflow: 'auto' }} data-testid="import-warnings">
                    {plan.importWarnings.map((w, i) => (
                      <div key={i}>
                        <Button type="link" size="small" onClick={() => scrollTo(w.line)} style={{ padding: 0 }}>
                          第 {w.line} 行
                        </Button>
                        ：{w.message.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, '')}
                        <Typography.Text type="secondary">（{w.excerpt}）</Typography.Text>
                      </div>
                    ))}
                  </div>
                }
              />
            )}
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={13}>
                <Space style={{ marginBottom: 12 }}>
                  <Switch checked={onlyReview} onChange={setOnlyReview} aria-label="只看需要核实的措施" />
                  <span>只看需要核实的措施（推断单位、无单位、无时限或有提示）</span>
                </Space>
                {shown.length === 0 ? (
                  <Empty description={onlyReview ? '没有需要核实的措施' : '本规划没有措施'} />
                ) : (
                  shown.map((m) => (
                    <MeasureCard
                      key={m.id}
                      measure={m}
                      draft={draft}
                      selected={m.id === selected}
                      departments={departmentOptions}
                      onSelect={() => selectMeasure(m)}
                      onChanged={replaceMeasure}
                    />
                  ))
                )}
                {plan.indicators.length > 0 && (
                  <Card size="small" title={`主要指标（${plan.indicators.length}）`}>
                    <Table
                      size="small"
                      rowKey="id"
                      pagination={false}
                      scroll={{ x: 600 }}
                      dataSource={plan.indicators}
                      columns={[
                        { title: '指标', dataIndex: 'name' },
                        { title: '单位', dataIndex: 'unit', width: 60, render: (v: string | null) => v ?? '' },
                        {
                          title: '基线',
                          width: 90,
                          render: (_, i) =>
                            i.baselineValue
                              ? `${i.baselineValue}${i.baselineYear ? `（${i.baselineYear}）` : ''}`
                              : '—',
                        },
                        {
                          title: '目标',
                          render: (_, i) => i.targets.map((t) => `${t.year}年 ${t.value}`).join('；') || '—',
                        },
                        {
                          title: '属性',
                          width: 70,
                          render: (_, i) =>
                            i.nature === 'BINDING' ? '约束性' : i.nature === 'EXPECTED' ? '预期性' : '—',
                        },
                      ]}
                    />
                  </Card>
                )}
              </Col>
              <Col xs={24} lg={11}>
                <div style={{ position: 'sticky', top: 16 }}>
                  <Typography.Title level={5}>
                    原文（第 {plan.startLine}—{plan.endLine} 行）
                  </Typography.Title>
                  <SourcePanel plan={plan} highlight={highlight} warningLines={warningLines} panelRef={panelRef} />
                </div>
              </Col>
            </Row>
          </>
        )}
      </PageState>
    </div>
  );
}
