// A closed-loop load through autocannon (each connection sends its next request when the last is
// answered), with the warm-up on the same connections as the measurement: one run, split by when
// each response arrived. Two separate runs would open fresh connections for the measurement, and the
// API's cluster primary hands new connections to busy workers one at a time — the first request of
// 50 new connections waits up to ~450 ms, a figure of connection setup, printed apart as the warm-up's.
import autocannon from 'autocannon';
import { percentile } from './support.js';

export interface LoadWindow {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

export interface ClosedLoadResult {
  warmUp: LoadWindow;
  measured: LoadWindow;
  /** Failed connections, non-2xx answers and GraphQL errors over the whole run. */
  errors: number;
  /** The first failed answer (status and the start of its body), so a benchmark can say what failed. */
  firstError?: string;
}

export async function closedLoad(
  options: autocannon.Options,
  warmUpSeconds: number,
  seconds: number,
): Promise<ClosedLoadResult> {
  const answered: { at: number; ms: number }[] = [];
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const countErrors: autocannon.Request = {
    onResponse: (status, body) => {
      if (status < 300 && !body.includes('"errors"')) return;
      if (status < 300) graphqlErrors++;
      firstError ??= `${status} ${body.slice(0, 300)}`;
    },
  };
  const requests = (options.requests ?? [{}]).map((r) => ({ ...countErrors, ...r }));
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ ...options, requests, duration: warmUpSeconds + seconds }, (err, r) =>
      err ? reject(err) : resolve(r),
    );
    instance.on('response', (_client, _status, _bytes, ms) => answered.push({ at: performance.now() - started, ms }));
  });
  const split = warmUpSeconds * 1000;
  return {
    warmUp: summarize(
      answered.filter((a) => a.at < split).map((a) => a.ms),
      warmUpSeconds,
    ),
    measured: summarize(
      answered.filter((a) => a.at >= split).map((a) => a.ms),
      seconds,
    ),
    errors: result.errors + result.non2xx + graphqlErrors,
    firstError: firstError ?? (result.errors ? `${result.errors} failed connections or timeouts` : undefined),
  };
}

function summarize(latencies: number[], seconds: number): LoadWindow {
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
  };
}
