// Where a plan's text ends: the signature and date, 抄送, attachments, a web page's footer.
import type { SourceLine } from '../normalise.js';

const CLOSING = /^(?:抄送|抄报|主送|附件|附表|文件下载|本文链接|本文关键词|相关解读|（此件公开发布）|此件公开发布)/;
const DATE_LINE = /^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
const SIGNATURE = /^[\u4e00-\u9fff]{2,24}(?:人民政府|办公厅|办公室|国务院|委员会|局|委)$/;

/**
 * Index of the first closing line at or after `from` (the body's first heading), or lines.length:
 * a signature followed by its date, or a line such as 抄送：/ 附件：.
 */
export function closingIndex(lines: SourceLine[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]!.text.replace(/\s/g, '');
    if (CLOSING.test(text)) return i;
    if (DATE_LINE.test(text)) return i > from && SIGNATURE.test(lines[i - 1]!.text.replace(/\s/g, '')) ? i - 1 : i;
  }
  return lines.length;
}
