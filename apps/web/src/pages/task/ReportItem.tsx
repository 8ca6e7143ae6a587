import { Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../labels';
import type { Indicator, Report } from './task-query';

/** One progress report: its text, indicator values and evidence (cooperating reports carry neither). */
export function ReportItem({
  report,
  indicators = [],
}: {
  report: Omit<Report, 'evidence' | 'indicatorValues'> & Partial<Pick<Report, 'evidence' | 'indicatorValues'>>;
  /** Names and units of the indicators the report may carry values of. */
  indicators?: Indicator[];
}) {
  const values = (report.indicatorValues ?? []).flatMap((v) => {
    const indicator = indicators.find((i) => i.id === v.indicatorId);
    return indicator ? [{ ...v, name: indicator.name, unit: indicator.unit }] : [];
  });
  return (
    <div data-testid="report">
      <Space wrap>
        <Typography.Text strong>{formatDateTime(report.submittedAt)}</Typography.Text>
        <Typography.Text type="secondary">{report.author.displayName}</Typography.Text>
        <Tag color="blue">完成 {report.progressPercent}%</Tag>
      </Space>
      <dl style={{ margin: '6px 0 0' }}>
        <dt style={{ color: '#888' }}>进展情况</dt>
        <dd style={{ margin: '0 0 4px', whiteSpace: 'pre-wrap' }}>{report.narrative}</dd>
        {report.problems && (
          <>
            <dt style={{ color: '#888' }}>存在问题</dt>
            <dd style={{ margin: '0 0 4px', whiteSpace: 'pre-wrap' }}>{report.problems}</dd>
          </>
        )}
        {report.nextSteps && (
          <>
            <dt style={{ color: '#888' }}>下步计划</dt>
            <dd style={{ margin: '0 0 4px', whiteSpace: 'pre-wrap' }}>{report.nextSteps}</dd>
          </>
        )}
        {values.length > 0 && (
          <>
            <dt style={{ color: '#888' }}>指标值</dt>
            <dd style={{ margin: '0 0 4px' }} data-testid="report-indicators">
              {values.map((v) => `${v.name} ${v.value}${v.unit ?? ''}`).join('；')}
            </dd>
          </>
        )}
        {report.evidence && report.evidence.length > 0 && (
          <>
            <dt style={{ color: '#888' }}>佐证材料</dt>
            <dd style={{ margin: 0 }}>
              {report.evidence.map((e, i) => (
                <div key={i}>
                  {e.url ? (
                    <a href={e.url} target="_blank" rel="noreferrer noopener">
                      {e.name}
                    </a>
                  ) : (
                    `${e.name}${e.fileName ? `（${e.fileName}）` : ''}`
                  )}
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
