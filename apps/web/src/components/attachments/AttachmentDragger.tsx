import { InboxOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { asApiError, uploadFile } from '../../api/client';

/** What POST /uploads answers. */
interface Uploaded {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

/** The types the server accepts (it decides from the bytes; this only narrows the file picker). */
/** A dropped image larger than this shows an icon, not a thumbnail read into memory. */
const THUMBNAIL_MAX_BYTES = 5 * 1024 * 1024;

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt';

/**
 * 佐证材料 by drag and drop: each file is uploaded at once (POST /uploads with the session's token) and
 * its id handed to the form; an image shows its thumbnail (read from the local file as a data: URL,
 * which the console's CSP allows). A refused file stays in the list, red, with the server's reason.
 * A Form.Item control: `value` is the uploaded ids, in the list's order.
 */
export function AttachmentDragger({
  value,
  onChange,
  label = '佐证材料（文件）',
}: {
  value?: string[];
  onChange?(ids: string[]): void;
  label?: string;
}) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile<Uploaded>[]>([]);
  // Kept apart from the list: antd copies a file's entry on every status change, and a thumbnail it
  // drew meanwhile on the old copy would be lost.
  const [thumbs, setThumbs] = useState<Record<string, string>>({});
  const thumbnail = (file: File & { uid: string }) => {
    if (!file.type.startsWith('image/') || file.size > THUMBNAIL_MAX_BYTES) return;
    const reader = new FileReader();
    reader.onload = () => setThumbs((t) => ({ ...t, [file.uid]: String(reader.result) }));
    reader.readAsDataURL(file);
  };
  const idsOf = (list: UploadFile<Uploaded>[]) =>
    list.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));

  return (
    <Upload.Dragger
      multiple
      accept={ACCEPT}
      listType="picture"
      fileList={files.map((f) => (thumbs[f.uid] ? { ...f, thumbUrl: thumbs[f.uid] } : f))}
      beforeUpload={(file) => {
        thumbnail(file);
        return true;
      }}
      data-testid="attachment-dragger"
      aria-label={label}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile<Uploaded>('/uploads', file as File).then(
          (answer) => onSuccess?.(answer),
          (e: unknown) => {
            const error = asApiError(e);
            message.error(`${(file as File).name}：${error.message}`);
            onError?.(error);
          },
        );
      }}
      onChange={({ fileList }) => {
        const list = fileList.map((f) => (f.status === 'error' ? { ...f, response: undefined } : f));
        setFiles(list);
        const ids = idsOf(list);
        if (ids.join() !== (value ?? []).join()) onChange?.(ids);
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">点击或将文件拖到此处上传</p>
      <p className="ant-upload-hint">
        会议纪要、照片、签字扫描件、表格：PDF、图片（PNG/JPEG/WebP）、Office 文档或纯文本
      </p>
    </Upload.Dragger>
  );
}
