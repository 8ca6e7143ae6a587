import { registerEnumType } from '@nestjs/graphql';

export enum NoticeStatus {
  ISSUED = 'ISSUED',
  /** 已回复: the department answered with its rectification (整改). */
  RESPONDED = 'RESPONDED',
  CLOSED = 'CLOSED',
}
registerEnumType(NoticeStatus, { name: 'NoticeStatus' });

/** 督办〔2025〕3号: the issuing office's sequence within the year. */
export function noticeNumber(year: number, seq: number): string {
  return `督办〔${year}〕${seq}号`;
}
