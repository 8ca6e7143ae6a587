import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'wouter';
import { asApiError } from '../../../api/client';
import { useMutation, useQuery } from '../../../api/hooks';
import { PageState } from '../../../components/PageState';
import { formatDate, ROLE_IN_MEASURE } from '../../../labels';
import { assignmentChanges, CHANGE_KIND, MATCHED_BY } from './change-labels';
import { RESET_MATCH, REVISION_DIFF, SET_MATCH, type Change, type RevisionDiff as Diff } from './revision-queries';
import { TextDiff } from './TextDiff';

const role = (r: string | undefined) => (r ? (ROLE_IN_MEASURE[r]?.text ?? r) : '');
/** The Select's value for "new measure: matches nothing". */
const NO_MATCH = '__none__';

/** 修订对照: a draft revision beside the published plan, clause by clause, with its pairings correctable. */
export default function RevisionDiff() {
  const { id } = useParams<{ id: string }>();
  const q = useQuery(REVISION_DIFF, { id });
  const [onlyChanged, setOnlyChanged] = useState(true);
  const diff = q.data?.planRevisionDiff;
  const counts = new Map<string, number>();
  for (const c of diff?.changes ?? []) for (const k of c.kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  const shown = (diff?.changes ?? []).filter((c) => !onlyChanged || c.kinds.length > 0);

  return (
    <div>
      <PageState loading={q.loading} error={q.error} hasData={!!diff} onRetry={q.reload}>
        {diff && (
          <>
            <Link to={`/plans/${diff.draft.id}`}>
              <ArrowLeftOutlined /> 返回修订稿审核
            </Link>
            <h1 className="page-title" style={{ margin: '8px 0 4px' }}>
              修订对照：{diff.published.title}
            </h1>
            <Descriptions
              size="small"
              style={{ marginBottom: 12 }}
              column={{ xs: 1, sm: 3 }}
              items={[
                { key: 'p', label: '现行版本', children: `第 ${diff.published.revision} 版` },
                { key: 'd', label: '修订稿', children: `第 ${diff.draft.revision} 版（${diff.draft.title}）` },
                {
                  key: 'k',
                  label: '变化',
                  children: (
                    <Space wrap size={4} data-testid="change-counts">
                      {Object.entries(CHANGE_KIND).map(([k, v]) =>
                        counts.get(k) ? (
                          <Tag key={k} color={v.color}>
                            {v.text} {counts.get(k)}
                          </Tag>
                        ) : null,
                      )}
                      {counts.size === 0 && '无'}
                    </Space>
                  ),
                },
              ]}
            />
            <Space style={{ marginBottom: 12 }}>
              <Switch checked={onlyChanged} onChange={setOnlyChanged} aria-label="只看有变化的措施" />
              <span>只看有变化的措施</span>
            </Space>
            {shown.length === 0 ? (
              <Empty description="修订稿与现行版本的措施相同" />
            ) : (
              shown.map((c) => (
                <ChangeCard
                  key={`${c.before?.id ?? ''}:${c.after?.id ?? ''}`}
                  change={c}
                  diff={diff}
                  editable={diff.draft.status === 'DRAFT'}
                  onDiff={(d) => q.setData(() => ({ planRevisionDiff: d }))}
                />
              ))
            )}
          </>
        )}
      </PageState>
    </div>
  );
}

function ChangeCard({
  change,
  diff,
  editable,
  onDiff,
}: {
  change: Change;
  diff: Diff;
  editable: boolean;
  onDiff(d: Diff): void;
}) {
  const { before, after, kinds } = change;
  const measure = after ?? before!;
  const moves = assignmentChanges(before, after);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="measure-change"
      title={
        <Space wrap>
          <span>{before && after && before.code !== after.code ? `${before.code} → ${after.code}` : measure.code}</span>
          <span>{measure.title}</span>
          {kinds.map((k) => (
            <Tag key={k} color={CHANGE_KIND[k]?.color} data-testid="change-kind">
              {CHANGE_KIND[k]?.text ?? k}
            </Tag>
          ))}
        </Space>
      }
      extra={
        change.matchedBy && (
          <Typography.Text type="secondary">
            {MATCHED_BY[change.matchedBy] ?? change.matchedBy}
            {change.similarity != null && `（相似度 ${Math.round(change.similarity * 100)}%）`}
          </Typography.Text>
        )
      }
    >
      {before && after ? (
        <TextDiff before={before.text} after={after.text} />
      ) : (
        <Typography.Paragraph delete={!after} style={{ marginBottom: 0 }}>
          {measure.text}
        </Typography.Paragraph>
      )}
      {(kinds.includes('DEADLINE_CHANGED') || kinds.includes('ADDED') || kinds.includes('REMOVED')) && (
        <div style={{ marginTop: 8 }} data-testid="deadline-change">
          时限：
          {before && after
            ? `${formatDate(before.deadline)} → ${formatDate(after.deadline)}`
            : formatDate(measure.deadline)}
        </div>
      )}
      {moves.length > 0 && before && after && (
        <Space wrap style={{ marginTop: 8 }} data-testid="assignment-changes">
          分工：
          {moves.map((m) => (
            <Tag key={m.department} color={m.kind === 'added' ? 'green' : m.kind === 'removed' ? 'red' : 'purple'}>
              {m.kind === 'added'
                ? `+ ${m.department}（${role(m.toRole)}）`
                : m.kind === 'removed'
                  ? `− ${m.department}（${role(m.fromRole)}）`
                  : `${m.department}：${role(m.fromRole)} → ${role(m.toRole)}`}
            </Tag>
          ))}
        </Space>
      )}
      {!after && before && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          发布后，该措施未完成的任务将以“规划修订”为由取消。
        </Typography.Paragraph>
      )}
      {editable && after && <MatchEditor change={change} diff={diff} onDiff={onDiff} />}
    </Card>
  );
}

/** The office names the published measure a draft measure continues, or says it is new. */
function MatchEditor({ change, diff, onDiff }: { change: Change; diff: Diff; onDiff(d: Diff): void }) {
  const { message } = App.useApp();
  const [setMatch, setting] = useMutation(SET_MATCH);
  const [resetMatch, resetting] = useMutation(RESET_MATCH);
  const draftMeasureId = change.after!.id;
  const choose = async (value: string) => {
    try {
      const { setMeasureMatch } = await setMatch({
        draftMeasureId,
        publishedMeasureId: value === NO_MATCH ? null : value,
      });
      onDiff(setMeasureMatch);
      message.success('已更新对应关系');
    } catch (e) {
      message.error(`更新失败：${asApiError(e).message}`);
    }
  };
  const reset = async () => {
    try {
      const { resetMeasureMatch } = await resetMatch({ draftMeasureId });
      onDiff(resetMeasureMatch);
    } catch (e) {
      message.error(`恢复失败：${asApiError(e).message}`);
    }
  };
  return (
    <Space wrap style={{ marginTop: 8, display: 'flex' }}>
      <span>对应现行措施：</span>
      <Select
        style={{ minWidth: 320 }}
        size="small"
        aria-label={`${change.after!.code} 对应现行措施`}
        data-testid="match-select"
        value={change.before?.id ?? NO_MATCH}
        loading={setting}
        onChange={choose}
        showSearch
        optionFilterProp="label"
        options={[
          { value: NO_MATCH, label: '无（新增措施）' },
          ...diff.published.measures.map((m) => ({ value: m.id, label: `${m.code} ${m.title}` })),
        ]}
      />
      {change.matchedBy === 'OFFICE' ? (
        <Button size="small" onClick={reset} loading={resetting}>
          恢复自动对应
        </Button>
      ) : null}
    </Space>
  );
}
