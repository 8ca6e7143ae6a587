import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useDownload } from '../../api/use-download';
import { useQuery } from '../../api/hooks';
import { PageState } from '../../components/PageState';
import { graphql, type ResultOf } from '../../graphql';
import { formatDate, todayInShanghai } from '../../labels';
import { PlanPicker } from './PlanPicker';

export const SCORECARD_FIELDS = graphql(`
  fragment ScorecardRow on DepartmentScorecard {
    rank
    score
    tasksTotal
    tasksDue
    tasksCompleted
    completedOnTime
    dueCompletedOnTime
    onTimeRate
    overdue
    escalationsByLevel
    noticesIssued
    reportTimeliness
    reportReminders
    department {
      id
      name
    }
  }
`);

const SCORECARDS = graphql(
  `
    query Scorecards($asOf: Date!, $planId: ID) {
      departmentScorecards(asOf: $asOf, planId: $planId) {
        ...ScorecardRow
      }
      scoringRules {
        weightOnTime
        weightNotOverdue
        weightReporting
        escalationPenalties
        noticePenalty
        reportWindowDays
      }
    }
  `,
  [SCORECARD_FIELDS],
);

export const ATTAINMENT_FIELDS = graphql(`
  fragment AttainmentRow on IndicatorAttainment {
    indicatorId
    name
    unit
    baselineValue
    target
    targetYear
    value
    valueYear
    status
    reason
  }
`);

const ATTAINMENT = graphql(
  `
    query Attainment($planId: ID!, $asOf: Date) {
      indicatorAttainment(planId: $planId, asOf: $asOf) {
        ...AttainmentRow
      }
    }
  `,
  [ATTAINMENT_FIELDS],
);

type Scorecard = ResultOf<typeof SCORECARD_FIELDS>;
type Rules = ResultOf<typeof SCORECARDS>['scoringRules'];

/** How a score is made, from the rules in force (docs/scoring.md says the same at length). */
function ScoringMethod({ rules }: { rules: Rules }) {
  const total = rules.weightOnTime + rules.weightNotOverdue + rules.weightReporting;
  const share = (w: number) => `${Math.round((100 * w) / total)}%`;
  return (
    <Typography.Paragraph type="secondary" data-testid="scoring-method" style={{ marginTop: 12 }}>
      评分方法：得分 = 100 ×（按期完成率 {share(rules.weightOnTime)} + 未逾期任务占比 {share(rules.weightNotOverdue)} +
      报送及时率 {share(rules.weightReporting)}，报送及时指近 {rules.reportWindowDays} 天内有进展报告）− 预警扣分（1–4
      级每次 {rules.escalationPenalties.join(' / ')} 分）− 督办单每份 {rules.noticePenalty} 分，在 0–100
      之间。得分相同的单位名次并列，表中按按期完成率、逾期任务数排列。
    </Typography.Paragraph>
  );
}
type Attainment = ResultOf<typeof ATTAINMENT_FIELDS>;

const ATTAINMENT_STATUS: Record<string, { text: string; color: string }> = {
  ON_TRACK: { text: '达标', color: 'success' },
  AT_RISK: { text: '有风险', color: 'warning' },
  OFF_TRACK: { text: '未达标', color: 'error' },
  UNKNOWN: { text: '无数据', color: 'default' },
};

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`);

/** 并列: a rank another department shares, said in words so the order among equals reads as no difference. */
function rankText(rank: number, rows: Scorecard[]): string {
  return rows.filter((r) => r.rank === rank).length > 1 ? `${rank}（并列）` : String(rank);
}

export function ScorecardTable({ rows }: { rows: Scorecard[] }) {
  return (
    <Table<Scorecard>
      rowKey={(r) => r.department.id}
      size="small"
      dataSource={rows}
      pagination={rows.length > 30 ? { pageSize: 30 } : false}
      scroll={{ x: 1100 }}
      data-testid="scorecards"
      columns={[
        { title: '排名', width: 90, fixed: 'left', render: (_, r) => rankText(r.rank, rows) },
        { title: '单位', render: (_, r) => r.department.name, fixed: 'left', width: 200 },
        {
          title: '得分',
          dataIndex: 'score',
          width: 80,
          align: 'right',
          render: (v: number) => <strong>{v.toFixed(1)}</strong>,
        },
        { title: '任务', dataIndex: 'tasksTotal', width: 70, align: 'right' },
        { title: '应完成', dataIndex: 'tasksDue', width: 80, align: 'right' },
        { title: '已完成', dataIndex: 'tasksCompleted', width: 80, align: 'right' },
        { title: '按期完成率', dataIndex: 'onTimeRate', width: 100, align: 'right', render: pct },
        {
          title: '逾期',
          dataIndex: 'overdue',
          width: 70,
          align: 'right',
          render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0),
        },
        {
          title: '预警（1/2/3/4级）',
          width: 150,
          render: (_, r) => r.escalationsByLevel.join(' / '),
        },
        { title: '督办单', dataIndex: 'noticesIssued', width: 80, align: 'right' },
        { title: '报送及时率', dataIndex: 'reportTimeliness', width: 100, align: 'right', render: pct },
      ]}
    />
  );
}

export function AttainmentTable({ rows }: { rows: Attainment[] }) {
  return (
    <Table<Attainment>
      rowKey="indicatorId"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 900 }}
      columns={[
        { title: '指标', render: (_, r) => `${r.name}${r.unit ? `（${r.unit}）` : ''}` },
        { title: '基线', dataIndex: 'baselineValue', width: 90, render: (v: string | null) => v ?? '—' },
        {
          title: '目标',
          width: 130,
          render: (_, r) => (r.target ? `${r.target}${r.targetYear ? `（${r.targetYear}年）` : ''}` : '—'),
        },
        {
          title: '最新值',
          width: 120,
          render: (_, r) => (r.value ? `${r.value}${r.valueYear ? `（${r.valueYear}年）` : ''}` : '未报送'),
        },
        {
          title: '完成情况',
          width: 110,
          render: (_, r) => (
            <Tooltip title={r.reason}>
              <Tag color={ATTAINMENT_STATUS[r.status]?.color}>{ATTAINMENT_STATUS[r.status]?.text ?? r.status}</Tag>
            </Tooltip>
          ),
        },
        { title: '说明', dataIndex: 'reason', responsive: ['lg'] },
      ]}
    />
  );
}

function Indicators({ asOf }: { asOf: string }) {
  const [planId, setPlanId] = useState<string | null>(null);
  const q = useQuery(ATTAINMENT, { planId: planId ?? '', asOf }, { skip: !planId });
  const rows = q.data?.indicatorAttainment ?? [];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <PlanPicker value={planId} onChange={setPlanId} placeholder="选择规划查看指标" />
      </Space>
      {!planId ? (
        <Typography.Paragraph type="secondary">请选择一个规划，查看其主要指标的完成情况。</Typography.Paragraph>
      ) : (
        <PageState
          loading={q.loading}
          error={q.error}
          hasData={!!q.data}
          onRetry={q.reload}
          empty={!!q.data && rows.length === 0}
          emptyText="该规划没有识别到指标"
        >
          <AttainmentTable rows={rows} />
        </PageState>
      )}
    </>
  );
}

/** 部门排名 and 指标完成: the league table as of today, and indicators against their targets. */
export default function Scorecards() {
  const asOf = todayInShanghai();
  const [planId, setPlanId] = useState<string | null>(null);
  const q = useQuery(SCORECARDS, { asOf, planId });
  const { download: save, downloading } = useDownload();
  const rows = q.data?.departmentScorecards ?? [];

  const download = async () => {
    const query = new URLSearchParams({ asOf, ...(planId ? { planId } : {}) });
    await save(`/exports/scorecards.xlsx?${query}`, '考核排名.xlsx');
  };

  return (
    <div>
      <h1 className="page-title">部门排名与指标</h1>
      <Tabs
        items={[
          {
            key: 'scores',
            label: '部门排名',
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <PlanPicker value={planId} onChange={setPlanId} allowAll />
                  <Button icon={<DownloadOutlined />} loading={downloading} onClick={download}>
                    导出 Excel
                  </Button>
                  <Typography.Text type="secondary">截至 {formatDate(asOf)}</Typography.Text>
                </Space>
                <PageState
                  loading={q.loading}
                  error={q.error}
                  hasData={!!q.data}
                  onRetry={q.reload}
                  empty={!!q.data && rows.length === 0}
                  emptyText="还没有可排名的单位（尚无已发布的任务）"
                >
                  <ScorecardTable rows={rows} />
                  {q.data && <ScoringMethod rules={q.data.scoringRules} />}
                </PageState>
              </>
            ),
          },
          { key: 'indicators', label: '指标完成情况', children: <Indicators asOf={asOf} /> },
        ]}
      />
    </div>
  );
}
