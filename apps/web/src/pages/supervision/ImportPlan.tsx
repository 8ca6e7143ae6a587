import { FileWordOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Select, Space, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { asApiError } from '../../api/client';
import { useMutation, useQuery } from '../../api/hooks';
import { graphql, type ResultOf } from '../../graphql';
import { decodeText, docxToText } from '../../import/docx-text';

const IMPORT = graphql(`
  mutation ImportPlan($input: ImportPlanDocumentInput!) {
    importPlanDocument(input: $input) {
      warnings
      plans {
        id
        title
        status
        documentNumber
        measures {
          id
        }
        importWarnings {
          line
        }
      }
    }
  }
`);

const JURISDICTIONS = graphql(`
  query ImportJurisdictions {
    jurisdictions {
      id
      name
      level
    }
  }
`);

type Result = ResultOf<typeof IMPORT>['importPlanDocument'];

const MAX_BYTES = 10 * 1024 * 1024;

/** 导入规划: paste the text, or upload a .txt or .docx (read in the browser); then review the draft. */
export default function ImportPlan() {
  const [, navigate] = useLocation();
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const [jurisdictionId, setJurisdictionId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [importPlan, importing] = useMutation(IMPORT);
  const jurisdictions = useQuery(JURISDICTIONS, {});

  const readFile = async (file: File) => {
    setFileError(null);
    setNotes([]);
    setResult(null);
    setError(null);
    const name = file.name.toLowerCase();
    if (file.size > MAX_BYTES) {
      setFileError('文件超过 10 MB，请检查是否选错文件');
      return;
    }
    if (name.endsWith('.doc') || name.endsWith('.wps')) {
      setFileError('暂不支持旧版 Word（.doc）或 WPS 格式，请在 Word/WPS 中“另存为” .docx 后再上传');
      return;
    }
    if (!name.endsWith('.docx') && !name.endsWith('.txt')) {
      setFileError('只支持 .docx（Word）或 .txt（纯文本）文件');
      return;
    }
    setReading(true);
    try {
      const data = await file.arrayBuffer();
      if (name.endsWith('.docx')) {
        const converted = await docxToText(data);
        setText(converted.text);
        setNotes(converted.messages);
      } else {
        setText(decodeText(data));
      }
      setFileName(file.name);
      message.success(`已读取 ${file.name}，请核对下方文本后导入`);
    } catch {
      setFileError('无法读取该文件，可能已损坏或不是 Word 文档。请用 Word 打开后另存为 .docx 再试。');
    } finally {
      setReading(false);
    }
  };

  const submit = async () => {
    setError(null);
    setResult(null);
    try {
      const { importPlanDocument } = await importPlan({
        input: { text, fileName: fileName ?? '粘贴文本.txt', jurisdictionId },
      });
      setResult(importPlanDocument);
      if (importPlanDocument.plans.length === 1) {
        message.success('导入成功，请审核草稿');
        navigate(`/plans/${importPlanDocument.plans[0]!.id}`);
      }
    } catch (e) {
      setError(asApiError(e).message);
    }
  };

  const lineCount = text ? text.split(/\r\n?|\n/).length : 0;

  return (
    <div style={{ maxWidth: 1000 }}>
      <h1 className="page-title">导入规划</h1>
      <Typography.Paragraph type="secondary">
        上传
        Word（.docx）或文本（.txt）文件，或直接粘贴规划全文。系统识别措施、责任单位和指标后生成草稿，经审核后发布为任务。
      </Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Tabs
          items={[
            {
              key: 'file',
              label: '上传文件',
              children: (
                <Upload.Dragger
                  accept=".docx,.txt"
                  multiple={false}
                  showUploadList={false}
                  disabled={reading}
                  beforeUpload={(file) => {
                    void readFile(file);
                    return Upload.LIST_IGNORE;
                  }}
                  data-testid="plan-upload"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{reading ? '正在读取文件…' : '点击或拖动文件到此处'}</p>
                  <p className="ant-upload-hint">
                    <FileWordOutlined /> 支持 .docx 与 .txt；Word 中的编号和表格单元格会保留
                  </p>
                </Upload.Dragger>
              ),
            },
            {
              key: 'paste',
              label: '粘贴文本',
              children: <Typography.Text type="secondary">在下方文本框中粘贴规划全文。</Typography.Text>,
            },
          ]}
        />
        {fileError && <Alert type="error" showIcon title={fileError} role="alert" style={{ marginTop: 12 }} />}
        {notes.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title="Word 文件中有部分内容未能转换（如图片、批注），不影响文字内容"
          />
        )}
      </Card>

      <Card
        size="small"
        title={
          <Space wrap>
            <span>规划文本</span>
            {fileName && <Tag icon={<FileWordOutlined />}>{fileName}</Tag>}
            {lineCount > 0 && <Typography.Text type="secondary">共 {lineCount} 行</Typography.Text>}
          </Space>
        }
      >
        <Input.TextArea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) setFileName(null);
          }}
          rows={14}
          placeholder="在此粘贴规划全文，或上传文件后在此核对"
          aria-label="规划文本"
          data-testid="plan-text"
          style={{ fontSize: 13 }}
        />
        <Space wrap style={{ marginTop: 12 }}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 220 }}
            placeholder="所属行政区划（自动识别）"
            aria-label="所属行政区划"
            value={jurisdictionId ?? undefined}
            onChange={(v) => setJurisdictionId(v ?? null)}
            loading={jurisdictions.loading}
            options={(jurisdictions.data?.jurisdictions ?? []).map((j) => ({ value: j.id, label: j.name }))}
          />
          <Button
            type="primary"
            onClick={submit}
            loading={importing}
            disabled={!text.trim()}
            data-testid="import-button"
          >
            识别并生成草稿
          </Button>
        </Space>
        {error && (
          <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title="导入失败" description={error} />
        )}
      </Card>

      {result && result.plans.length !== 1 && (
        <Card size="small" title={`本文件包含 ${result.plans.length} 个规划`} style={{ marginTop: 16 }}>
          {result.plans.map((p) => (
            <div key={p.id} style={{ marginBottom: 8 }}>
              <Link to={`/plans/${p.id}`}>{p.title}</Link>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {p.measures.length} 项措施
                {p.importWarnings.length > 0 ? `，${p.importWarnings.length} 条待核实` : ''}
              </Typography.Text>
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}
