import { DownloadOutlined, FileOutlined } from '@ant-design/icons';
import { Button, List, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { fetchFile } from '../../api/client';
import { useDownload } from '../../api/use-download';

export interface AttachmentItem {
  id: string;
  name: string;
  size: number;
  contentType: string;
  url: string;
}

/** Images this small get a thumbnail: the whole file is fetched for it. */
const THUMBNAIL_MAX_BYTES = 3 * 1024 * 1024;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * An image's thumbnail. The file needs the session's token, so it is fetched and shown as a data: URL
 * (the console's CSP allows data: images, not blob:).
 */
function Thumbnail({ file }: { file: AttachmentItem }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchFile(file.url)
      .then(
        (blob) =>
          new Promise<string>((resolve, reject) => {
            const reader = new FileReader();
            reader.onload = () => resolve(String(reader.result));
            reader.onerror = () => reject(reader.error);
            reader.readAsDataURL(blob);
          }),
      )
      .then((url) => live && setSrc(url))
      .catch(() => undefined); // the name and the download button still show
    return () => {
      live = false;
    };
  }, [file.url]);
  return src ? (
    <img src={src} alt={file.name} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} />
  ) : (
    <FileOutlined style={{ fontSize: 32, color: '#bbb' }} />
  );
}

/** 佐证材料 files with their download buttons (the token travels in a header, so never a bare link). */
export function AttachmentList({ files }: { files: AttachmentItem[] }) {
  const { download, downloading } = useDownload();
  return (
    <List
      size="small"
      dataSource={files}
      data-testid="attachment-list"
      renderItem={(f) => (
        <List.Item
          key={f.id}
          actions={[
            <Button
              key="download"
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              disabled={downloading}
              aria-label={`下载 ${f.name}`}
              onClick={() => void download(f.url, f.name)}
            >
              下载
            </Button>,
          ]}
        >
          <List.Item.Meta
            avatar={
              f.contentType.startsWith('image/') && f.size <= THUMBNAIL_MAX_BYTES ? (
                <Thumbnail file={f} />
              ) : (
                <FileOutlined style={{ fontSize: 32, color: '#bbb' }} />
              )
            }
            title={<Typography.Text data-testid="attachment-name">{f.name}</Typography.Text>}
            description={fileSize(f.size)}
          />
        </List.Item>
      )}
    />
  );
}
