import { Alert, Button, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
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
