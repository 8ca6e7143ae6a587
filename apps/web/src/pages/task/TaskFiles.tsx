import { Card, Empty, Typography } from 'antd';
import { useQuery } from '../../api/hooks';
import { AttachmentList, type AttachmentItem } from '../../components/attachments/AttachmentList';
import { graphql } from '../../graphql';
import { formatDateTime } from '../../labels';

const TASK_FILES = graphql(`
  query TaskFiles($id: ID!) {
    task(id: $id) {
      id
      reports {
        id
        submittedAt
        attachments {
          id
          name
          size
          contentType
          url
        }
      }
      extensionRequests {
        id
        createdAt
        attachments {
          id
          name
          size
          contentType
          url
        }
      }
      cooperatingTasks {
        id
        department {
          id
          name
        }
        reports {
          id
          submittedAt
          attachments {
            id
            name
            size
            contentType
            url
          }
        }
      }
    }
  }
`);

interface Group {
  key: string;
  title: string;
  files: AttachmentItem[];
}

/**
 * 佐证材料 of a task: the files of its reports and extension requests, and those of the cooperating
 * departments' reports on the same measure, newest first, each with its download (and image thumbnail).
 * Its own query, so the task page's stays as it is; remount it (key) to read again after a report or request.
 */
export function TaskFiles({ taskId }: { taskId: string }) {
  const q = useQuery(TASK_FILES, { id: taskId });
  const task = q.data?.task;
  const groups: Group[] = task
    ? [
        ...task.reports.map((r) => ({
          key: r.id,
          title: `本部门报告 ${formatDateTime(r.submittedAt)}`,
          files: r.attachments,
        })),
        ...task.extensionRequests.map((x) => ({
          key: x.id,
          title: `延期申请 ${formatDateTime(x.createdAt)}`,
          files: x.attachments,
        })),
        ...task.cooperatingTasks.flatMap((c) =>
          c.reports.map((r) => ({
            key: r.id,
            title: `${c.department.name} ${formatDateTime(r.submittedAt)}`,
            files: r.attachments,
          })),
        ),
      ].filter((g) => g.files.length > 0)
    : [];
  const count = groups.reduce((n, g) => n + g.files.length, 0);
  return (
    <Card
      title={`佐证材料（${count}）`}
      size="small"
      style={{ marginBottom: 16 }}
      loading={q.loading && !task}
      data-testid="task-files"
    >
      {groups.length === 0 ? (
        <Empty description="暂无佐证文件" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        groups.map((g) => (
          <div key={g.key} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{g.title}</Typography.Text>
            <AttachmentList files={g.files} />
          </div>
        ))
      )}
    </Card>
  );
}
