import { Alert } from 'antd';

/** Shown after a status move lost to someone else's change: the page has reloaded underneath. */
export function ConflictAlert({ onClose }: { onClose(): void }) {
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title="任务已被他人修改"
      description="页面已重新加载为最新内容，请确认后再操作。"
      data-testid="conflict-alert"
    />
  );
}
