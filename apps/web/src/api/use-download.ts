import { App } from 'antd';
import { useState } from 'react';
import { asApiError, downloadFile } from './client';

/**
 * An export downloaded with the session's token: busy while it runs, a failure said in a message, and
 * with `announce` the saved file's name too.
 */
export function useDownload(): {
  download(path: string, fallbackName: string, options?: { announce?: boolean }): Promise<void>;
  downloading: boolean;
} {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const download = async (path: string, fallbackName: string, options: { announce?: boolean } = {}) => {
    setDownloading(true);
    try {
      const name = await downloadFile(path, fallbackName);
      if (options.announce) message.success(`已下载 ${name}`);
    } catch (e) {
      message.error(`下载失败：${asApiError(e).message}`);
    } finally {
      setDownloading(false);
    }
  };
  return { download, downloading };
}
