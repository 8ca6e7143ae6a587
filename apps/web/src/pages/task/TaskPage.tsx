import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row } from 'antd';
import { Link, useParams } from 'wouter';
import { useQuery } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { PageState } from '../../components/PageState';
import { ConflictAlert } from './ConflictAlert';
import { CooperatingCard } from './CooperatingCard';
import { EscalationsCard } from './EscalationsCard';
import { ExtensionsCard } from './ExtensionsCard';
import { ReportForm } from './ReportForm';
import { ReportPublicity } from './ReportPublicity';
import { ReportsCard } from './ReportsCard';
import { ReviewsCard } from './ReviewsCard';
import { SourceCard } from './SourceCard';
import { StatusCard } from './StatusCard';
import { TaskFiles } from './TaskFiles';
import { TASK } from './task-query';
import { useTaskMove } from './useTaskMove';

export { TASK } from './task-query';

/** A task: the measure's source text, status moves, reports (own and cooperating), extensions, reviews. */
export default function TaskPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const q = useQuery(TASK, { id });
  const task = q.data?.task;
  const { changeStatus, moving, conflict, clearConflict } = useTaskMove(task, q.reload);

  const ownTask = !!task && user.role === 'LIAISON' && user.department?.id === task.department.id;
  const office = user.role === 'SUPERVISOR' || user.role === 'ADMIN';
  const open = !!task && task.status !== 'COMPLETED' && task.status !== 'CANCELLED';

  return (
    <div style={{ maxWidth: 1200 }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => history.back()} style={{ paddingLeft: 0 }}>
        返回
      </Button>
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!task}
        onRetry={q.reload}
        empty={!!q.data && !task}
        emptyText="未找到该任务，可能已被删除或不在您的权限范围内"
      >
        {task && (
          <>
            <h1 className="page-title" data-testid="task-title">
              {task.measure.code} {task.measure.title}
            </h1>
            {conflict && <ConflictAlert onClose={clearConflict} />}
            <Row gutter={[16, 16]}>
              <Col xs={{ span: 24, order: 2 }} lg={{ span: 15, order: 1 }}>
                <SourceCard measure={task.measure} />
                {ownTask && open && (
                  <Card title="填报进展" size="small" style={{ marginBottom: 16 }}>
                    <ReportForm key={task.version} task={task} onDone={q.reload} />
                  </Card>
                )}
                <ReportsCard task={task} />
                {office && <ReportPublicity taskId={task.id} />}
                <TaskFiles key={`${task.version}:${task.extensionRequests.length}`} taskId={task.id} />
                <CooperatingCard tasks={task.cooperatingTasks} />
              </Col>
              <Col xs={{ span: 24, order: 1 }} lg={{ span: 9, order: 2 }}>
                <StatusCard
                  task={task}
                  ownTask={ownTask}
                  office={office}
                  open={open}
                  moving={moving}
                  onMove={changeStatus}
                  onReviewed={q.reload}
                />
                <EscalationsCard escalations={task.escalations} />
                <ReviewsCard reviews={task.reviews} />
                <ExtensionsCard task={task} ownTask={ownTask} open={open} onDone={q.reload} />
                {office && <Link to={`/plans/${task.measure.plan.id}`}>查看所属规划</Link>}
              </Col>
            </Row>
          </>
        )}
      </PageState>
    </div>
  );
}
