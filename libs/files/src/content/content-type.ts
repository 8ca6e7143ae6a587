/** The content types an evidence file may have, each decided from the bytes (magic numbers), never the name. */
export const PDF = 'application/pdf';
export const PNG = 'image/png';
export const JPEG = 'image/jpeg';
export const WEBP = 'image/webp';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
/** OLE2 compound file: .doc, .xls, .ppt and scanners' older formats share the same container. */
export const OLE = 'application/x-ole-storage';
export const TEXT = 'text/plain; charset=utf-8';

/** What a refused file looks like, so the refusal can name it. */
const REFUSED: [magic: number[], offset: number, type: string][] = [
  [[0x4d, 0x5a], 0, 'application/x-msdownload [Windows executable]'],
  [[0x7f, 0x45, 0x4c, 0x46], 0, 'application/x-elf [executable]'],
  [[0xcf, 0xfa, 0xed, 0xfe], 0, 'application/x-mach-binary [executable]'],
  [[0x47, 0x49, 0x46, 0x38], 0, 'image/gif'],
  [[0x1f, 0x8b], 0, 'application/gzip'],
  [[0x52, 0x61, 0x72, 0x21], 0, 'application/vnd.rar'],
  [[0x37, 0x7a, 0xbc, 0xaf], 0, 'application/x-7z-compressed'],
  [[0x42, 0x4d], 0, 'image/bmp'],
  [[0x49, 0x49, 0x2a, 0x00], 0, 'image/tiff'],
  [[0x4d, 0x4d, 0x00, 0x2a], 0, 'image/tiff'],
  [[0x66, 0x74, 0x79, 0x70], 4, 'video/mp4 [or another ISO media file]'],
  [[0x25, 0x21, 0x50, 0x53], 0, 'application/postscript'],
];

const at = (bytes: Buffer, magic: number[], offset = 0) =>
  bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);

export type Sniffed = { accepted: true; contentType: string } | { accepted: false; detected: string };

/**
 * The file's type from its first bytes (and, for a zip, the names of its parts). Plain text must be
 * valid UTF-8 without control characters other than tab, line breaks and form feed, so a binary
 * blob never passes as text.
 */
export function sniffContentType(bytes: Buffer): Sniffed {
  if (!bytes.length) return { accepted: false, detected: 'empty file' };
  if (at(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return ok(PDF);
  if (at(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return ok(PNG);
  if (at(bytes, [0xff, 0xd8, 0xff])) return ok(JPEG);
  if (at(bytes, [0x52, 0x49, 0x46, 0x46]) && at(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return ok(WEBP);
  if (at(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return ok(OLE);
  if (at(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeZip(bytes);
  for (const [magic, offset, type] of REFUSED) if (at(bytes, magic, offset)) return { accepted: false, detected: type };
  if (isPlainText(bytes)) return ok(TEXT);
  return { accepted: false, detected: 'application/octet-stream [unrecognised binary]' };
}

const ok = (contentType: string): Sniffed => ({ accepted: true, contentType });

/**
 * An OOXML document is a zip whose parts include [Content_Types].xml; the main part's folder tells
 * Word from Excel from PowerPoint. Part names are stored uncompressed in the zip's headers.
 */
function officeZip(bytes: Buffer): Sniffed {
  if (bytes.indexOf('[Content_Types].xml', 0, 'latin1') < 0)
    return { accepted: false, detected: 'application/zip [not an Office document]' };
  if (bytes.indexOf('word/', 0, 'latin1') >= 0) return ok(DOCX);
  if (bytes.indexOf('xl/', 0, 'latin1') >= 0) return ok(XLSX);
  if (bytes.indexOf('ppt/', 0, 'latin1') >= 0) return ok(PPTX);
  return { accepted: false, detected: 'application/zip [an unknown Office package]' };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function isPlainText(bytes: Buffer): boolean {
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
