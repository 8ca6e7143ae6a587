// 指标完成情况: where an indicator stands against its target for the year, and why. Pure TypeScript.
import { fmt, gapTo, inBand, parseNumber, parseTarget, resolveTarget, type Band } from './target-parser.js';

export enum AttainmentStatus {
  /** 已达标或按进度推进 reached, or on course to reach it */
  ON_TRACK = 'ON_TRACK',
  /** 进度滞后 moving the right way, behind the time elapsed */
  AT_RISK = 'AT_RISK',
  /** 未达标 the target year is over, or the value moved away from the target */
  OFF_TRACK = 'OFF_TRACK',
  /** 无法判断 no value reported, or a target or baseline that says nothing measurable */
  UNKNOWN = 'UNKNOWN',
}

/** Behind the straight line from baseline to target by no more than this share: still on track. */
export const PACE_TOLERANCE = 0.1;

export interface AttainmentInput {
  targets: { year: number; value: string }[];
  baselineValue: string | null;
  /** The year the baseline describes (or, without one, the year before the plan starts). */
  startYear: number | null;
  /** The latest value reported up to asOf; its year defaults to the year it was reported. */
  reported: { value: string; year: number } | null;
  asOf: string;
}

export interface Attainment {
  status: AttainmentStatus;
  reason: string;
  targetYear: number | null;
  target: string | null;
}

/** The target that applies in asOf's year: the first due that year or later, else the last one. */
export function targetFor(targets: { year: number; value: string }[], asOfYear: number) {
  const sorted = [...targets].sort((a, b) => a.year - b.year);
  return sorted.find((t) => t.year >= asOfYear) ?? sorted.at(-1) ?? null;
}

export function assessAttainment(input: AttainmentInput): Attainment {
  const asOfYear = Number(input.asOf.slice(0, 4));
  const target = targetFor(input.targets, asOfYear);
  if (!target)
    return { status: AttainmentStatus.UNKNOWN, reason: '无目标值 (no target)', targetYear: null, target: null };
  const result = (status: AttainmentStatus, reason: string): Attainment => ({
    status,
    reason,
    targetYear: target.year,
    target: target.value,
  });
  const spec = parseTarget(target.value);
  if (!spec) return result(AttainmentStatus.UNKNOWN, `目标值「${target.value}」无法量化 (target not measurable)`);
  const baseline = parseNumber(input.baselineValue);
  const band = resolveTarget(spec, baseline);
  if (typeof band === 'string') return result(AttainmentStatus.UNKNOWN, band);
  if (!input.reported) return result(AttainmentStatus.UNKNOWN, '尚无上报值 (no value reported)');
  const value = parseNumber(input.reported.value);
  if (value === null)
    return result(AttainmentStatus.UNKNOWN, `上报值「${input.reported.value}」无法识别 (reported value not a number)`);

  const said = `${target.year}年目标 ${target.value}${band.note ? `（${band.note}）` : ''}，${input.reported.year}年上报 ${input.reported.value}`;
  if (inBand(band, value)) return result(AttainmentStatus.ON_TRACK, `${said}：已达到`);
  if (input.asOf > `${target.year}-12-31`) return result(AttainmentStatus.OFF_TRACK, `${said}：目标年度已过，未达到`);
  return paced(band, value, baseline, input, target.year, said, result);
}

/** Not there yet, before the target year ends: compare progress from the baseline with the time elapsed. */
function paced(
  band: Band,
  value: number,
  baseline: number | null,
  input: AttainmentInput,
  targetYear: number,
  said: string,
  result: (status: AttainmentStatus, reason: string) => Attainment,
): Attainment {
  if (baseline === null || input.startYear === null || input.startYear >= targetYear)
    return result(AttainmentStatus.AT_RISK, `${said}：尚未达到，无基线无法判断进度`);
  const gapAtStart = gapTo(band, baseline);
  const gapNow = gapTo(band, value);
  if (gapAtStart === 0) {
    // The baseline sits on the band's edge (持续增长 from it): any move away is a step back.
    return value === baseline
      ? result(AttainmentStatus.AT_RISK, `${said}：与基线 ${fmt(baseline)} 持平`)
      : result(AttainmentStatus.OFF_TRACK, `${said}：较基线 ${fmt(baseline)} 倒退`);
  }
  const progress = (gapAtStart - gapNow) / gapAtStart;
  if (progress < 0) return result(AttainmentStatus.OFF_TRACK, `${said}：较基线 ${fmt(baseline)} 倒退`);
  const elapsed = elapsedShare(input.startYear, targetYear, input.asOf);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const pace = `完成进度 ${pct(progress)}，时间进度 ${pct(elapsed)}`;
  if (progress >= elapsed - PACE_TOLERANCE) return result(AttainmentStatus.ON_TRACK, `${said}：${pace}，按进度推进`);
  return result(AttainmentStatus.AT_RISK, `${said}：${pace}，进度滞后`);
}

/** Share of the time from the end of the start year to the end of the target year that has passed. */
export function elapsedShare(startYear: number, targetYear: number, asOf: string): number {
  const from = Date.UTC(startYear, 11, 31);
  const to = Date.UTC(targetYear, 11, 31);
  const now = Date.parse(`${asOf}T00:00:00Z`);
  return Math.min(1, Math.max(0, (now - from) / (to - from)));
}
