import { Col, Empty, Row, Space, Switch, Typography } from 'antd';
import { useParams } from 'wouter';
import { PageState } from '../../components/PageState';
import { PlanPublicity } from './PlanPublicity';
import { PlanRevisions } from './revisions/PlanRevisions';
import { ImportWarnings } from './plan-review/ImportWarnings';
import { IndicatorsCard } from './plan-review/IndicatorsCard';
import { MeasureCard } from './plan-review/MeasureCard';
import { PlanHeader } from './plan-review/PlanHeader';
import { PlanSummary } from './plan-review/PlanSummary';
import { SourcePanel } from './plan-review/SourcePanel';
import { usePlanReview } from './plan-review/usePlanReview';

/** 审核草稿: measures beside their source lines, proposed assignments (explicit or inferred), warnings; publish. */
export default function PlanReview() {
  const { id = '' } = useParams();
  const r = usePlanReview(id);
  const { q, plan } = r;

  return (
    <div>
      <PageState
        loading={q.loading}
        error={q.error}
        hasData={!!plan}
        onRetry={q.reload}
        empty={!!q.data && !plan}
        emptyText="未找到该规划，可能已被删除或不在您的权限范围内"
      >
        {plan && (
          <>
            <PlanHeader
              plan={plan}
              draft={r.draft}
              assignments={r.assignments}
              publishing={r.publishing}
              onPublish={r.doPublish}
            />
            <PlanRevisions key={plan.status} planId={plan.id} />
            <PlanSummary plan={plan} />
            {r.office && <PlanPublicity planId={plan.id} status={plan.status} />}
            <ImportWarnings warnings={plan.importWarnings} onGoto={r.scrollTo} />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={13}>
                <Space style={{ marginBottom: 12 }}>
                  <Switch checked={r.onlyReview} onChange={r.setOnlyReview} aria-label="只看需要核实的措施" />
                  <span>只看需要核实的措施（推断单位、无单位、无时限或有提示）</span>
                </Space>
                {r.shown.length === 0 ? (
                  <Empty description={r.onlyReview ? '没有需要核实的措施' : '本规划没有措施'} />
                ) : (
                  r.shown.map((m) => (
                    <MeasureCard
                      key={m.id}
                      measure={m}
                      draft={r.draft}
                      selected={m.id === r.selected}
                      departments={r.departmentOptions}
                      onSelect={() => r.selectMeasure(m)}
                      onChanged={r.replaceMeasure}
                    />
                  ))
                )}
                <IndicatorsCard indicators={plan.indicators} />
              </Col>
              <Col xs={24} lg={11}>
                <div style={{ position: 'sticky', top: 16 }}>
                  <Typography.Title level={5}>
                    原文（第 {plan.startLine}—{plan.endLine} 行）
                  </Typography.Title>
                  <SourcePanel
                    plan={plan}
                    highlight={r.highlight}
                    warningLines={r.warningLines}
                    panelRef={r.panelRef}
                  />
                </div>
              </Col>
            </Row>
          </>
        )}
      </PageState>
    </div>
  );
}
