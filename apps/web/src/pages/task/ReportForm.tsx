import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Space } from 'antd';
import { asApiError } from '../../api/client';
import { useMutation } from '../../api/hooks';
import { AttachmentDragger } from '../../components/attachments/AttachmentDragger';
import { graphql } from '../../graphql';

const SUBMIT_REPORT = graphql(`
  mutation SubmitReport($input: ProgressReportInput!) {
    submitProgressReport(input: $input) {
      id
      progressPercent
    }
  }
`);

interface Values {
  progressPercent: number;
  narrative: string;
  problems?: string;
  nextSteps?: string;
  evidence?: { name?: string; url?: string }[];
  /** Ids of the files uploaded by drag and drop. */
  attachmentIds?: string[];
  /** 指标值 by indicator id, as typed. */
  indicators?: Record<string, string | undefined>;
}

/** An indicator this task reports (its plan's, when the department leads the plan). */
export interface ReportableIndicator {
  id: string;
  name: string;
  unit: string | null;
  targets: { year: number; value: string }[];
}

interface ReportFormTask {
  id: string;
  progressPercent: number;
  reportableIndicators: ReportableIndicator[];
  reports: { indicatorValues: { indicatorId: string; value: string }[] }[];
}

/**
 * 填报进展: percent, 进展情况, 存在问题, 下步计划, evidence links and, for the plan's lead department,
 * indicator values. Reports are never edited: a correction is a new one.
 */
export function ReportForm({ task, onDone }: { task: ReportFormTask; onDone(): void }) {
  const [form] = Form.useForm<Values>();
  const [submit, busy] = useMutation(SUBMIT_REPORT);
  const { message } = App.useApp();

  const onFinish = async (v: Values) => {
    const evidence = (v.evidence ?? [])
      .filter((e) => e.name?.trim() || e.url?.trim())
      .map((e) => ({ name: (e.name?.trim() || e.url?.trim())!, url: e.url?.trim() || null }));
    const indicatorValues = Object.entries(v.indicators ?? {})
      .filter(([, value]) => value?.trim())
      .map(([indicatorId, value]) => ({ indicatorId, value: value!.trim() }));
    try {
      await submit({
        input: {
          taskId: task.id,
          progressPercent: v.progressPercent,
          narrative: v.narrative.trim(),
          problems: v.problems?.trim() || null,
          nextSteps: v.nextSteps?.trim() || null,
          evidence,
          indicatorValues,
          attachmentIds: v.attachmentIds ?? [],
        },
      });
      message.success('进展已报送');
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(`报送失败：${asApiError(e).message}`);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ progressPercent: task.progressPercent, evidence: [] }}
      disabled={busy}
      data-testid="report-form"
    >
      <Form.Item
        label="完成进度（%）"
        name="progressPercent"
        rules={[{ required: true, type: 'integer', min: 0, max: 100, message: '请填写 0–100 之间的整数' }]}
      >
        {/* No min, max or precision here: antd would clamp 150 to 100 or round 12.5 on Enter, and send what
            the user never typed. The rule refuses it with the message instead. */}
        <InputNumber style={{ width: 140 }} id="report-percent" />
      </Form.Item>
      <Form.Item
        label="进展情况"
        name="narrative"
        rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}
      >
        <Input.TextArea rows={4} maxLength={4000} showCount id="report-narrative" />
      </Form.Item>
      <Form.Item label="存在问题" name="problems">
        <Input.TextArea rows={2} maxLength={2000} id="report-problems" />
      </Form.Item>
      <Form.Item label="下步计划" name="nextSteps">
        <Input.TextArea rows={2} maxLength={2000} id="report-next" />
      </Form.Item>
      <Form.Item label="佐证材料（文件）" name="attachmentIds">
        <AttachmentDragger />
      </Form.Item>
      <Form.List name="evidence">
        {(fields, { add, remove }) => (
          <Form.Item label="佐证材料（链接）">
            {fields.map((field, i) => (
              <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[field.name, 'name']} noStyle>
                  <Input placeholder="材料名称" aria-label={`第 ${i + 1} 份材料名称`} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'url']}
                  noStyle
                  rules={[{ type: 'url', message: '请填写完整的链接地址，如 http://…' }]}
                >
                  <Input placeholder="http://…" aria-label={`第 ${i + 1} 份材料链接`} style={{ width: 240 }} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={`删除第 ${i + 1} 份材料`}
                  onClick={() => remove(field.name)}
                />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', url: '' })}>
              添加佐证材料
            </Button>
          </Form.Item>
        )}
      </Form.List>
      {task.reportableIndicators.length > 0 && (
        <IndicatorFields indicators={task.reportableIndicators} latest={latestValues(task.reports)} />
      )}
      <Button type="primary" htmlType="submit" loading={busy}>
        报送进展
      </Button>
    </Form>
  );
}

/** The newest value this task reported for each indicator (reports come newest first). */
function latestValues(reports: ReportFormTask['reports']): Map<string, string> {
  const latest = new Map<string, string>();
  for (const r of reports)
    for (const v of r.indicatorValues) if (!latest.has(v.indicatorId)) latest.set(v.indicatorId, v.value);
  return latest;
}

/** 指标填报: one value per indicator, with its unit and targets in view; blank ones are not sent. */
function IndicatorFields({ indicators, latest }: { indicators: ReportableIndicator[]; latest: Map<string, string> }) {
  return (
    <fieldset data-testid="indicator-fields" style={{ border: 0, padding: 0, margin: '0 0 8px' }}>
      <legend style={{ fontSize: 14, marginBottom: 8 }}>指标值（本部门牵头本规划，按需填报，不填的不报送）</legend>
      {indicators.map((ind) => {
        const targets = ind.targets.map((t) => `${t.year}年 ${t.value}`).join('；');
        const previous = latest.get(ind.id);
        return (
          <Form.Item
            key={ind.id}
            label={ind.name}
            name={['indicators', ind.id]}
            extra={[targets && `目标：${targets}`, previous && `上次报送：${previous}`].filter(Boolean).join(' · ')}
          >
            <Input
              style={{ width: 200 }}
              maxLength={50}
              suffix={ind.unit ?? undefined}
              aria-label={`${ind.name}${ind.unit ? `（${ind.unit}）` : ''}`}
            />
          </Form.Item>
        );
      })}
    </fieldset>
  );
}
