import { describe, expect, it } from '@jest/globals';
import { DOCX, JPEG, OLE, PDF, PNG, sniffContentType, TEXT, WEBP, XLSX } from './content-type.js';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffContentType', () => {
  it.each([
    ['PDF', bytes('%PDF-1.7\n'), PDF],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), PNG],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), JPEG],
    ['WebP', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), WEBP],
    ['OLE2', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), OLE],
    ['docx', bytes('PK\x03\x04', '....[Content_Types].xml....word/document.xml'), DOCX],
    ['xlsx', bytes('PK\x03\x04', '....[Content_Types].xml....xl/workbook.xml'), XLSX],
    ['UTF-8 text', Buffer.from('会议纪要\r\n\t第一项：落实。\n'), TEXT],
  ])('accepts %s', (_name, content, type) => {
    expect(sniffContentType(content)).toEqual({ accepted: true, contentType: type });
  });

  it.each([
    ['an executable', bytes('MZ', [0x90, 0, 3]), 'application/x-msdownload'],
    ['a bare zip', bytes('PK\x03\x04', 'evil.exe'), 'application/zip'],
    ['a GIF', bytes('GIF89a'), 'image/gif'],
    ['Latin-1 text', bytes('caf', [0xe9], '\n'), 'application/octet-stream'],
    ['text with NUL', bytes('a', [0], 'b'), 'application/octet-stream'],
    ['nothing', Buffer.alloc(0), 'empty file'],
  ])('refuses %s, naming it', (_name, content, named) => {
    const sniffed = sniffContentType(content);
    expect(sniffed.accepted).toBe(false);
    expect(sniffed.accepted ? '' : sniffed.detected).toContain(named);
  });
});
