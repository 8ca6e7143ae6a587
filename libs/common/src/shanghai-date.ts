const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Asia/Shanghai (YYYY-MM-DD), whatever the server's zone. */
export function shanghaiToday(now: Date = new Date()): string {
  return SHANGHAI.format(now);
}
