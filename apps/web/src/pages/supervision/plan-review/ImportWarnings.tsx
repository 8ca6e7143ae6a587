import { Alert, Button, Typography } from 'antd';
import type { Plan } from './plan-review-queries';

/** The importer's warnings, each a link to its source line. */
export function ImportWarnings({ warnings, onGoto }: { warnings: Plan['importWarnings']; onGoto(line: number): void }) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`导入时有 ${warnings.length} 处需要核实`}
      description={
        <div style={{ maxHeight: 160, overflow: 'auto' }} data-testid="import-warnings">
          {warnings.map((w, i) => (
            <div key={i}>
              <Button type="link" size="small" onClick={() => onGoto(w.line)} style={{ padding: 0 }}>
                第 {w.line} 行
              </Button>
              {/* The importer's message ends with a technical note in ASCII parentheses: not for the reviewer. */}：
              {w.message.replace(/\s*\([^()]*[A-Za-z][^()]*\)\s*$/, '')}
              <Typography.Text type="secondary">（{w.excerpt}）</Typography.Text>
            </div>
          ))}
        </div>
      }
    />
  );
}
