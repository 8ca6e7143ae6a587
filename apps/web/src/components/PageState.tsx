import { Alert, Button, Empty, Result, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { ApiError } from '../api/client';

interface Props {
  loading: boolean;
  error?: ApiError | undefined;
  /** True when loaded and there is nothing to show. */
  empty?: boolean;
  emptyText?: ReactNode;
  /** Data already on screen: a reload does not blank it out. */
  hasData?: boolean;
  onRetry?: () => void;
  children: ReactNode;
}

/** The loading, error and empty states every page shares, in words a person understands. */
export function PageState({ loading, error, empty, emptyText, hasData, onRetry, children }: Props) {
  // Trying again cannot find what does not exist: say so and offer the way back instead.
  if (error?.code === 'NOT_FOUND' && !hasData) return <Missing message={error.message} />;
  if (error && !hasData) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title="加载失败"
        description={error.message}
        action={
          onRetry && (
            <Button size="small" onClick={onRetry}>
              重试
            </Button>
          )
        }
      />
    );
  }
  if (loading && !hasData) {
    return (
      <div aria-busy="true" aria-live="polite">
        <span className="sr-only">正在加载…</span>
        <Skeleton active paragraph={{ rows: 5 }} />
      </div>
    );
  }
  return (
    <>
      {error && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title={`刷新失败：${error.message}`}
          action={
            onRetry && (
              <Button size="small" onClick={onRetry}>
                重试
              </Button>
            )
          }
        />
      )}
      {empty ? <Empty description={emptyText ?? '暂无数据'} /> : children}
    </>
  );
}

function Missing({ message }: { message: string }) {
  return (
    <Result
      status="404"
      title={message}
      subTitle="链接可能有误，或对象已被删除。"
      data-testid="not-found"
      extra={[
        <Button key="back" onClick={() => history.back()}>
          返回上一页
        </Button>,
        <Link key="home" to="/">
          <Button type="primary">返回首页</Button>
        </Link>,
      ]}
    />
  );
}
