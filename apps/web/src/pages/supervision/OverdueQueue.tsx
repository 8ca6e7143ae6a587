import { AlertOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Progress, Segmented, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useUser } from '../../auth/session';
import { useDownload } from '../../api/use-download';
import { usePaged, useQuery } from '../../api/hooks';
import { IssueNoticeModal, type NoticeTarget } from '../notices/IssueNoticeModal';
import { PageState } from '../../components/PageState';
import { AlertTags, NoticeTag, RoleTag, StatusTag } from '../../components/tags';
import { graphql, type ResultOf } from '../../graphql';
import { dueText, ESCALATION, formatDate, todayInShanghai } from '../../labels';

const OVERDUE = graphql(`
  query OverdueTasks($filter: TaskFilter!, $first: Int!, $after: String) {
    tasks(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          status
          role
          dueDate
          overdue
          escalationLevel
          progressPercent
          openNotice {
            id
            number
          }
          department {
            id
            name
          }
          measure {
            id
            code
            title
          }
          plan {
            id
            title
          }
        }
      }
    }
  }
`);

const COUNTS = graphql(`
  query OverdueCounts($asOf: Date!, $planId: ID, $departmentId: ID) {
    all: tasks(filter: { overdueAsOf: $asOf, planId: $planId, departmentId: $departmentId }, first: 1) {
      totalCount
    }
    l1: tasks(
      filter: { overdueAsOf: $asOf, planId: $planId, departmentId: $departmentId, minEscalationLevel: 1 }
      first: 1
    ) {
      totalCount
    }
    l2: tasks(
      filter: { overdueAsOf: $asOf, planId: $planId, departmentId: $departmentId, minEscalationLevel: 2 }
      first: 1
    ) {
      totalCount
    }
    l3: tasks(
      filter: { overdueAsOf: $asOf, planId: $planId, departmentId: $departmentId, minEscalationLevel: 3 }
      first: 1
    ) {
      totalCount
    }
    l4: tasks(
      filter: { overdueAsOf: $asOf, planId: $planId, departmentId: $departmentId, minEscalationLevel: 4 }
      first: 1
    ) {
      totalCount
    }
  }
`);

export const FILTER_OPTIONS = graphql(`
  query QueueFilterOptions {
    plans(status: PUBLISHED) {
      id
      title
    }
    departments {
      id
      name
      jurisdiction {
        id
        name
      }
    }
  }
`);

export type OverdueRow = ResultOf<typeof OVERDUE>['tasks']['edges'][number]['node'];

/**
 * 逾期督办: open tasks past their due date, by escalation level, filtered by plan and department.
 * A grouped escalation message links here with its plan and level (?planId=…&level=…); leaders
 * read it, the office also issues notices from it.
 */
export default function OverdueQueue() {
  const today = todayInShanghai();
  const office = ['SUPERVISOR', 'ADMIN'].includes(useUser().role);
  const linked = new URLSearchParams(useSearch());
  const [level, setLevel] = useState(() => levelOf(linked.get('level')));
  const [planId, setPlanId] = useState<string | null>(linked.get('planId'));
  const [departmentId, setDepartmentId] = useState<string | null>(linked.get('departmentId'));
  const options = useQuery(FILTER_OPTIONS, {});
  const counts = useQuery(COUNTS, { asOf: today, planId, departmentId });
  const filter = { overdueAsOf: today, planId, departmentId, minEscalationLevel: level || null };
  const list = usePaged(OVERDUE, { filter, first: 50 }, (d) => d.tasks);
  const { message } = App.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [target, setTarget] = useState<NoticeTarget | null>(null);
  const { download: save, downloading } = useDownload();
  const chosen = list.rows.filter((r) => selected.includes(r.id));
  const oneDepartment = chosen.length > 0 && chosen.every((r) => r.department.id === chosen[0]!.department.id);

  const issue = () => {
    if (!oneDepartment) {
      message.warning('一张督办单只能针对一个单位，请选择同一单位的任务');
      return;
    }
    setTarget({
      departmentName: chosen[0]!.department.name,
      tasks: chosen.map((t) => ({ id: t.id, title: `${t.measure.code} ${t.measure.title}` })),
    });
  };

  const download = async () => {
    const query = new URLSearchParams({
      asOf: today,
      ...(planId ? { planId } : {}),
      ...(departmentId ? { departmentId } : {}),
    });
    await save(`/exports/overdue-ledger.xlsx?${query}`, '督办台账.xlsx');
  };

  const c = counts.data;
  const count = (n: number | undefined) => (n === undefined ? '' : `（${n}）`);

  return (
    <div>
      <h1 className="page-title">逾期督办</h1>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap size={[16, 8]}>
          <Segmented<number>
            value={level}
            onChange={setLevel}
            aria-label="按督办等级筛选"
            options={[
              { label: `全部逾期${count(c?.all.totalCount)}`, value: 0 },
              { label: `≥1级 ${ESCALATION[1]!.text}${count(c?.l1.totalCount)}`, value: 1 },
              { label: `≥2级 ${ESCALATION[2]!.text}${count(c?.l2.totalCount)}`, value: 2 },
              { label: `≥3级 ${ESCALATION[3]!.text}${count(c?.l3.totalCount)}`, value: 3 },
              { label: `4级 ${ESCALATION[4]!.text}${count(c?.l4.totalCount)}`, value: 4 },
            ]}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部规划"
            aria-label="按规划筛选"
            style={{ width: 280 }}
            loading={options.loading}
            value={planId ?? undefined}
            onChange={(v) => setPlanId(v ?? null)}
            options={(options.data?.plans ?? []).map((p) => ({ value: p.id, label: p.title }))}
            data-testid="plan-filter"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部单位"
            aria-label="按责任单位筛选"
            style={{ width: 240 }}
            loading={options.loading}
            value={departmentId ?? undefined}
            onChange={(v) => setDepartmentId(v ?? null)}
            options={(options.data?.departments ?? []).map((d) => ({
              value: d.id,
              label: `${d.name}（${d.jurisdiction.name}）`,
            }))}
            data-testid="department-filter"
          />
        </Space>
      </Card>
      <PageState
        loading={list.loading}
        error={list.error}
        hasData={list.loaded}
        onRetry={list.reload}
        empty={list.loaded && list.rows.length === 0}
        emptyText={level ? '没有达到该督办等级的逾期任务' : '没有逾期任务'}
      >
        <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text type="secondary">
            截至 {formatDate(today)}，共 {list.totalCount} 项逾期任务，按截止日期排列
          </Typography.Text>
          <Space wrap>
            {office && (
              <Button
                type="primary"
                danger
                icon={<AlertOutlined />}
                disabled={chosen.length === 0}
                onClick={issue}
                data-testid="issue-notice"
              >
                下发督办单{chosen.length ? `（${chosen.length}）` : ''}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={download}>
              导出督办台账
            </Button>
          </Space>
        </Space>
        <Table
          rowKey="id"
          size="small"
          dataSource={list.rows}
          pagination={false}
          scroll={{ x: 960 }}
          data-testid="overdue-table"
          rowSelection={
            office
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  getCheckboxProps: (t) => ({ 'aria-label': `选择 ${t.measure.code} ${t.department.name}` }),
                }
              : undefined
          }
          columns={[
            {
              title: '任务',
              render: (_, t) => (
                <Link to={`/tasks/${t.id}`}>
                  {t.measure.code} {t.measure.title}
                </Link>
              ),
            },
            { title: '责任单位', width: 200, render: (_, t) => t.department.name },
            { title: '角色', width: 70, render: (_, t) => <RoleTag role={t.role} /> },
            {
              title: '截止日期',
              width: 170,
              render: (_, t) => (
                <span>
                  {formatDate(t.dueDate)}
                  <br />
                  <Typography.Text type="danger">{dueText(t.dueDate, today)}</Typography.Text>
                </span>
              ),
            },
            {
              title: '督办等级',
              width: 170,
              render: (_, t) => (
                <>
                  <AlertTags overdue={t.overdue} escalationLevel={t.escalationLevel} />
                  <NoticeTag notice={t.openNotice} />
                </>
              ),
            },
            { title: '状态', width: 90, render: (_, t) => <StatusTag status={t.status} /> },
            {
              title: '进度',
              width: 120,
              render: (_, t) => <Progress percent={t.progressPercent} size="small" />,
            },
          ]}
        />
        {list.hasMore && (
          <Button block style={{ marginTop: 12 }} loading={list.loading} onClick={list.more}>
            加载更多
          </Button>
        )}
      </PageState>
      <IssueNoticeModal
        target={target}
        onClose={() => setTarget(null)}
        onIssued={() => {
          setTarget(null);
          setSelected([]);
          list.reload();
        }}
      />
    </div>
  );
}

/** The level a link asks for (0–4); anything else shows every overdue task. */
function levelOf(value: string | null): number {
  const level = Number(value);
  return Number.isInteger(level) && level >= 0 && level <= 4 ? level : 0;
}
