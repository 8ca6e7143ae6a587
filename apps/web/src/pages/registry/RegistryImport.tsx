import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { asApiError, uploadFile } from '../../api/client';
import { useDownload } from '../../api/use-download';
import { useUser } from '../../auth/session';
import { refusedRows, type RegistryImportResult, type RowNote } from './registry-upload';

const TEMPLATE_COLUMNS = '行政区划、层级、上级行政区划、行政区划别名、部门全称、部门简称、职能代码、部门别名';

function RowTable({ rows, testId }: { rows: RowNote[]; testId: string }) {
  return (
    <Table<RowNote>
      style={{ marginTop: 8 }}
      size="small"
      data-testid={testId}
      rowKey={(r, i) => `${r.row}:${i}`}
      pagination={rows.length > 20 ? { pageSize: 20 } : false}
      dataSource={rows}
      columns={[
        { title: '行', dataIndex: 'row', width: 70 },
        { title: '列', dataIndex: 'column', width: 120, render: (c?: string | null) => c ?? '—' },
        { title: '说明', dataIndex: 'message' },
      ]}
    />
  );
}

function ImportAnswer({ result }: { result: RegistryImportResult }) {
  const changed = result.jurisdictionsCreated + result.departmentsCreated + result.departmentsUpdated;
  return (
    <div style={{ marginTop: 16 }} data-testid="registry-result">
      <Alert
        type="success"
        showIcon
        title={changed ? '导入成功' : '导入完成：登记表与现有数据一致，没有需要更新的内容'}
        description={`新增行政区划 ${result.jurisdictionsCreated} 个，新增部门 ${result.departmentsCreated} 个，更新部门 ${result.departmentsUpdated} 个。`}
      />
      {result.warnings.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            提示（{result.warnings.length} 条，已导入，请核对）
          </Typography.Title>
          <RowTable rows={result.warnings} testId="registry-warnings" />
        </>
      )}
    </div>
  );
}

/** 登记表导入: the registry template, filled in offline, uploaded back — all rows or none. */
export default function RegistryImport() {
  const { message } = App.useApp();
  const admin = useUser().role === 'ADMIN';
  const { download: save, downloading } = useDownload();
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<RegistryImportResult | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; rows: RowNote[] } | null>(null);

  const download = async () => {
    await save('/exports/registry-template.xlsx', '行政区划与部门登记表.xlsx', { announce: true });
  };

  const upload = async (file: File) => {
    setResult(null);
    setRefusal(null);
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setRefusal({ message: '请上传按模板填写的 Excel 登记表（.xlsx）', rows: [] });
      return;
    }
    setUploading(true);
    try {
      const r = await uploadFile<RegistryImportResult>('/imports/registry', file);
      setResult(r);
      message.success('登记表已导入');
    } catch (e) {
      const error = asApiError(e);
      setRefusal({ message: error.message, rows: refusedRows(error) });
    } finally {
      setUploading(false);
    }
  };

  return (
    <div style={{ maxWidth: 900 }}>
      <h1 className="page-title">登记表导入</h1>
      <Card size="small">
        <Steps
          orientation="vertical"
          size="small"
          current={-1}
          items={[
            { title: '下载登记表模板', content: `工作表“登记表”，列为：${TEMPLATE_COLUMNS}；模板中有一行示例。` },
            {
              title: '每个部门填一行',
              content:
                '同一行政区划的部门写同一个行政区划名称；只填行政区划各列的行只新增或更新行政区划。多个别名用“、”分隔。',
            },
            {
              title: '上传填好的登记表',
              content:
                '按名称新增或更新行政区划和部门；任一行有误则整份不导入，并指出出错的行。重复上传同一份不会重复新增。',
            },
          ]}
        />
        <Space wrap style={{ marginTop: 8 }}>
          <Button type="primary" icon={<DownloadOutlined />} loading={downloading} onClick={download}>
            下载登记表模板（Excel）
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={!admin}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} disabled={!admin} data-testid="registry-upload">
              上传登记表
            </Button>
          </Upload>
        </Space>
        {!admin && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            登记表由管理员导入；督查室可下载模板填写后交管理员，或在“行政区划与部门”中逐个维护。
          </Typography.Paragraph>
        )}
        {result && <ImportAnswer result={result} />}
        {refusal && (
          <div style={{ marginTop: 16 }}>
            <Alert type="error" showIcon role="alert" title="导入失败" description={refusal.message} />
            {refusal.rows.length > 0 && <RowTable rows={refusal.rows} testId="registry-errors" />}
          </div>
        )}
      </Card>
    </div>
  );
}
