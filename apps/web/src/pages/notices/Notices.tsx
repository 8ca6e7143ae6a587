import { App, Button, Card, DatePicker, Input, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import '../../dayjs-zh';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { useUser } from '../../auth/session';
import { PageState } from '../../components/PageState';
import { AttachmentDragger } from '../../components/attachments/AttachmentDragger';
import { AttachmentList } from '../../components/attachments/AttachmentList';
import { AlertTags } from '../../components/tags';
import { graphql, type ResultOf } from '../../graphql';
import { daysBetween, formatDate, formatDateTime, NOTICE_STATUS, todayInShanghai } from '../../labels';
import { IssueNoticeModal, type NoticeTarget } from './IssueNoticeModal';

const NOTICES = graphql(`
  query Notices($status: NoticeStatus) {
    supervisionNotices(status: $status) {
      id
      number
      status
      requirements
      responseDue
      response
      respondedAt
      createdAt
      closedAt
      attachments {
        id
        name
        size
        contentType
        url
      }
      department {
        id
        name
      }
      tasks {
        id
        status
        dueDate
        overdue
        escalationLevel
        measure {
          id
          code
          title
        }
      }
    }
  }
`);

const QUEUE = graphql(`
  query SupervisionQueue {
    supervisionQueue {
      id
      dueDate
      overdue
      escalationLevel
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
`);

const RESPOND = graphql(`
  mutation RespondNotice($noticeId: ID!, $response: String!, $attachmentIds: [ID!]) {
    respondToSupervisionNotice(noticeId: $noticeId, response: $response, attachmentIds: $attachmentIds) {
      id
      status
    }
  }
`);
const CLOSE = graphql(`
  mutation CloseNotice($noticeId: ID!) {
    closeSupervisionNotice(noticeId: $noticeId) {
      id
      status
    }
  }
`);
const REISSUE = graphql(`
  mutation ReissueNotice($noticeId: ID!, $input: ReissueSupervisionNoticeInput!) {
    reissueSupervisionNotice(noticeId: $noticeId, input: $input) {
      id
      number
    }
  }
`);

type Notice = ResultOf<typeof NOTICES>['supervisionNotices'][number];

function NoticeCard({
  notice,
  office,
  liaison,
  focused,
  onChanged,
}: {
  notice: Notice;
  office: boolean;
  liaison: boolean;
  /** Reached through a task's 被督办 tag: scrolled into view and outlined. */
  focused: boolean;
  onChanged(): void;
}) {
  const { message } = App.useApp();
  const [response, setResponse] = useState('');
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const [reissuing, setReissuing] = useState(false);
  const [requirements, setRequirements] = useState(notice.requirements);
  const [due, setDue] = useState<Dayjs | null>(dayjs().add(7, 'day'));
  const [respond, responding] = useMutation(RESPOND);
  const [close, closing] = useMutation(CLOSE);
  const [reissue, reissuingBusy] = useMutation(REISSUE);
  const today = todayInShanghai();
  const late = notice.status === 'ISSUED' && daysBetween(today, notice.responseDue) < 0;
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focused) card.current?.scrollIntoView({ block: 'start' });
  }, [focused]);

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      onChanged();
    } catch (e) {
      message.error(asApiError(e).message);
    }
  };

  return (
    <Card
      ref={card}
      size="small"
      style={{ marginBottom: 12, ...(focused ? { borderColor: '#d4380d', boxShadow: '0 0 0 2px #fff2e8' } : {}) }}
      data-testid="notice-card"
      data-focused={focused || undefined}
      title={
        <Space wrap>
          <strong>{notice.number}</strong>
          <Tag color={NOTICE_STATUS[notice.status]?.color}>{NOTICE_STATUS[notice.status]?.text}</Tag>
          {late && <Tag color="error">反馈已逾期</Tag>}
        </Space>
      }
      extra={<span>{notice.department.name}</span>}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
        <Typography.Text type="secondary">督办要求：</Typography.Text>
        {notice.requirements}
      </Typography.Paragraph>
      <div style={{ marginBottom: 8 }}>
        下发于 {formatDateTime(notice.createdAt)}，请于 <strong>{formatDate(notice.responseDue)}</strong> 前反馈整改情况
      </div>
      <div style={{ marginBottom: 8 }}>
        {notice.tasks.map((t) => (
          <div key={t.id}>
            <Link to={`/tasks/${t.id}`}>
              {t.measure.code} {t.measure.title}
            </Link>{' '}
            <AlertTags overdue={t.overdue} escalationLevel={t.escalationLevel} />
          </div>
        ))}
      </div>
      {notice.response && (
        <div style={{ background: '#f6ffed', padding: 8, borderRadius: 4, marginBottom: 8 }}>
          <Typography.Text type="secondary">整改反馈（{formatDateTime(notice.respondedAt)}）：</Typography.Text>
          <div style={{ whiteSpace: 'pre-wrap' }}>{notice.response}</div>
          {notice.attachments.length > 0 && <AttachmentList files={notice.attachments} />}
        </div>
      )}
      {liaison && notice.status === 'ISSUED' && (
        <Space.Compact style={{ width: '100%' }} direction="vertical">
          <Input.TextArea
            rows={3}
            placeholder="填写整改落实情况"
            aria-label={`${notice.number} 整改反馈`}
            value={response}
            onChange={(e) => setResponse(e.target.value)}
          />
          <div style={{ marginTop: 8 }}>
            <AttachmentDragger
              value={attachmentIds}
              onChange={setAttachmentIds}
              label={`${notice.number} 整改佐证材料`}
            />
          </div>
          <Button
            type="primary"
            loading={responding}
            disabled={!response.trim()}
            onClick={() =>
              act(() => respond({ noticeId: notice.id, response: response.trim(), attachmentIds }), '整改情况已反馈')
            }
            style={{ marginTop: 8, alignSelf: 'flex-start' }}
          >
            提交整改反馈
          </Button>
        </Space.Compact>
      )}
      {office && notice.status !== 'CLOSED' && (
        <Space wrap>
          <Button
            type="primary"
            loading={closing}
            onClick={() => act(() => close({ noticeId: notice.id }), `${notice.number} 已办结`)}
          >
            办结
          </Button>
          <Button onClick={() => setReissuing((v) => !v)}>再次督办</Button>
        </Space>
      )}
      {office && reissuing && (
        <div style={{ marginTop: 8 }}>
          <Input.TextArea
            rows={3}
            value={requirements}
            onChange={(e) => setRequirements(e.target.value)}
            aria-label="再次督办要求"
          />
          <Space style={{ marginTop: 8 }} wrap>
            <DatePicker value={due} onChange={setDue} aria-label="新的反馈期限" />
            <Button
              type="primary"
              danger
              loading={reissuingBusy}
              disabled={!requirements.trim() || !due}
              onClick={() =>
                due &&
                act(
                  () =>
                    reissue({
                      noticeId: notice.id,
                      input: { requirements: requirements.trim(), responseDue: due.format('YYYY-MM-DD') },
                    }),
                  '已重新下发督办单',
                )
              }
            >
              重新下发
            </Button>
          </Space>
        </div>
      )}
    </Card>
  );
}

type StatusFilter = 'ALL' | 'ISSUED' | 'RESPONDED' | 'CLOSED';

function NoticeList({ office, liaison, focus }: { office: boolean; liaison: boolean; focus: string | null }) {
  const [status, setStatus] = useState<StatusFilter>(liaison && !focus ? 'ISSUED' : 'ALL');
  const q = useQuery(NOTICES, { status: status === 'ALL' ? null : status });
  const notices = q.data?.supervisionNotices ?? [];
  return (
    <>
      <Segmented<StatusFilter>
        value={status}
        onChange={setStatus}
        style={{ marginBottom: 12 }}
        options={[
          { label: '全部', value: 'ALL' },
          { label: '待反馈', value: 'ISSUED' },
          { label: '已反馈', value: 'RESPONDED' },
          { label: '已办结', value: 'CLOSED' },
        ]}
      />
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!q.data}
        onRetry={q.reload}
        empty={!!q.data && notices.length === 0}
        emptyText={liaison && status === 'ISSUED' ? '没有需要反馈的督办单' : '没有督办单'}
      >
        {notices.map((n) => (
          <NoticeCard
            key={n.id}
            notice={n}
            office={office}
            liaison={liaison}
            focused={n.id === focus}
            onChanged={q.reload}
          />
        ))}
      </PageState>
    </>
  );
}

/** 待督办: level-3 tasks no open notice covers, grouped by department, one notice per department. */
function SupervisionQueue({ onIssued }: { onIssued(): void }) {
  const q = useQuery(QUEUE, {});
  const [target, setTarget] = useState<NoticeTarget | null>(null);
  const groups = useMemo(() => {
    const map = new Map<string, { name: string; tasks: ResultOf<typeof QUEUE>['supervisionQueue'] }>();
    for (const t of q.data?.supervisionQueue ?? []) {
      const g = map.get(t.department.id) ?? { name: t.department.name, tasks: [] };
      g.tasks.push(t);
      map.set(t.department.id, g);
    }
    return [...map.values()];
  }, [q.data]);
  return (
    <PageState
      loading={q.loading}
      error={q.error}
      hasData={!!q.data}
      onRetry={q.reload}
      empty={!!q.data && groups.length === 0}
      emptyText="没有待督办的任务（达到 3 级督办且尚未下发督办单的任务会出现在这里）"
    >
      {groups.map((g) => (
        <Card
          key={g.name}
          size="small"
          style={{ marginBottom: 12 }}
          title={`${g.name}（${g.tasks.length} 项）`}
          extra={
            <Button
              type="primary"
              danger
              onClick={() =>
                setTarget({
                  departmentName: g.name,
                  tasks: g.tasks.map((t) => ({ id: t.id, title: `${t.measure.code} ${t.measure.title}` })),
                })
              }
            >
              下发督办单
            </Button>
          }
        >
          {g.tasks.map((t) => (
            <div key={t.id}>
              <Link to={`/tasks/${t.id}`}>
                {t.measure.code} {t.measure.title}
              </Link>{' '}
              <Typography.Text type="secondary">截止 {formatDate(t.dueDate)}</Typography.Text>{' '}
              <AlertTags overdue={t.overdue} escalationLevel={t.escalationLevel} />
            </div>
          ))}
        </Card>
      ))}
      <IssueNoticeModal
        target={target}
        onClose={() => setTarget(null)}
        onIssued={() => {
          setTarget(null);
          q.reload();
          onIssued();
        }}
      />
    </PageState>
  );
}

/** 督办单: the office issues, follows, closes; a liaison answers (整改反馈). */
export default function Notices() {
  const user = useUser();
  const office = user.role === 'SUPERVISOR' || user.role === 'ADMIN';
  const liaison = user.role === 'LIAISON';
  const focus = new URLSearchParams(useSearch()).get('notice');
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState(office && !focus ? 'queue' : 'list');
  if (!office) {
    return (
      <div style={{ maxWidth: 960 }}>
        <h1 className="page-title">督办单</h1>
        <NoticeList office={false} liaison={liaison} focus={focus} />
      </div>
    );
  }
  return (
    <div style={{ maxWidth: 1000 }}>
      <h1 className="page-title">督办单</h1>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'queue',
            label: '待督办',
            children: (
              <SupervisionQueue
                onIssued={() => {
                  setVersion((v) => v + 1);
                }}
              />
            ),
          },
          {
            key: 'list',
            label: '督办单跟踪',
            children: <NoticeList key={version} office liaison={false} focus={focus} />,
          },
        ]}
      />
    </div>
  );
}
