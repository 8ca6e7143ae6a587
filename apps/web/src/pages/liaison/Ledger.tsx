import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { asApiError, uploadFile } from '../../api/client';
import { useDownload } from '../../api/use-download';

interface UploadResult {
  reports: { row: number; taskId: string; reportId: string }[];
}

/** 台账: download the department's ledger (Excel), fill it in offline, upload it back as progress reports. */
export default function Ledger() {
  const { message } = App.useApp();
  const { download: save, downloading } = useDownload();
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<UploadResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    await save('/exports/department-ledger.xlsx', '部门台账.xlsx', { announce: true });
  };

  const upload = async (file: File) => {
    setError(null);
    setResult(null);
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setError('请上传从本系统下载并填写的 Excel 台账（.xlsx）');
      return;
    }
    setUploading(true);
    try {
      const r = await uploadFile<UploadResult>('/imports/department-ledger', file);
      setResult(r);
      message.success(`已导入 ${r.reports.length} 份进展报告`);
    } catch (e) {
      setError(asApiError(e).message);
    } finally {
      setUploading(false);
    }
  };

  return (
    <div style={{ maxWidth: 800 }}>
      <h1 className="page-title">台账</h1>
      <Card size="small">
        <Steps
          orientation="vertical"
          size="small"
          current={-1}
          items={[
            { title: '下载本部门台账', content: '包含本部门全部未完成任务，每行一项任务。' },
            { title: '在 Excel 中填写', content: '填写完成进度、进展情况、存在问题和下步计划，不要改动任务编号等列。' },
            {
              title: '上传填好的台账',
              content: '每一填写行生成一份进展报告；任一行有误则整份不导入，并指出出错的行。',
            },
          ]}
        />
        <Space wrap style={{ marginTop: 8 }}>
          <Button type="primary" icon={<DownloadOutlined />} loading={downloading} onClick={download}>
            下载台账（Excel）
          </Button>
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              上传填好的台账
            </Button>
          </Upload>
        </Space>
        {result && (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            title={`导入成功：生成 ${result.reports.length} 份进展报告`}
            description={
              result.reports.length ? `来自第 ${result.reports.map((r) => r.row).join('、')} 行` : '台账中没有填写的行'
            }
          />
        )}
        {error && (
          <Alert style={{ marginTop: 16 }} type="error" showIcon role="alert" title="导入失败" description={error} />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          台账按下载时的任务版本核对：若下载后任务已被他人修改，请重新下载后再填写。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
