import { DiffOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Typography } from 'antd';
import { Link } from 'wouter';
import { useQuery } from '../../../api/hooks';
import { formatDateTime } from '../../../labels';
import { PLAN_REVISIONS } from './revision-queries';

/**
 * On a plan's page: for a draft revision, what it revises and the way to the comparison; for a published
 * plan, every version with who published it and its text.
 */
export function PlanRevisions({ planId }: { planId: string }) {
  const q = useQuery(PLAN_REVISIONS, { id: planId });
  const plan = q.data?.plan;
  if (!plan) return null;
  if (plan.revisionOf && plan.status === 'DRAFT')
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="revision-banner"
        title={`本稿是《${plan.revisionOf.title}》的修订稿（第 ${plan.revision} 版），发布后替换现行第 ${plan.revisionOf.revision} 版，已有任务、进展和督办记录保留。`}
        action={
          <Link to={`/plans/${plan.id}/revision-diff`}>
            <Button size="small" icon={<DiffOutlined />}>
              修订对照
            </Button>
          </Link>
        }
      />
    );
  if (plan.revisions.length === 0) return null;
  return (
    <Card size="small" title={`版本（${plan.revisions.length}）`} style={{ marginBottom: 16 }} data-testid="revisions">
      <Collapse
        size="small"
        items={[...plan.revisions].reverse().map((r) => ({
          key: r.revision,
          label: (
            <span>
              第 {r.revision} 版 · {r.publishedBy ?? '—'} 发布于 {formatDateTime(r.publishedAt)}
              {r.fileName && <Typography.Text type="secondary">（{r.fileName}）</Typography.Text>}
            </span>
          ),
          children: (
            <pre style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto', margin: 0 }}>{r.sourceText}</pre>
          ),
        }))}
      />
    </Card>
  );
}
