import { Spin } from 'antd';

export function PageSpin() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }} aria-busy="true">
      <Spin description="正在加载…" />
    </div>
  );
}
