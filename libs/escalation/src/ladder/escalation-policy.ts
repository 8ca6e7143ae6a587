import { z } from 'zod';

/** The ladder's rungs: 1 临期提醒 due soon, 2 逾期预警 overdue, 3 督办 supervision, 4 纳入考核 evaluation. */
export const LEVELS = [1, 2, 3, 4] as const;
export type EscalationLevel = (typeof LEVELS)[number];

export const LEVEL_NAMES: Record<EscalationLevel, string> = {
  1: '临期提醒',
  2: '逾期预警',
  3: '督办',
  4: '纳入考核',
};

export enum ReportCadence {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}

const policySchema = z
  .object({
    /** Level 1 this many working days before the due date. */
    dueSoonWorkingDays: z.number().int().min(1).max(60),
    /** Level 2 on this working day after the due date. */
    overdueWorkingDays: z.number().int().min(1).max(60),
    /** Level 3 this many working days after the due date. */
    supervisionWorkingDays: z.number().int().min(1).max(120),
    /** Level 4 this many calendar days after the due date. */
    evaluationCalendarDays: z.number().int().min(1).max(365),
    reportCadence: z.enum(ReportCadence),
    /** A period's progress report is due by this working day of the next period's first month. */
    reportDueWorkingDay: z.number().int().min(1).max(20),
  })
  .strict()
  .refine((p) => p.overdueWorkingDays <= p.supervisionWorkingDays, {
    message: 'overdueWorkingDays must not exceed supervisionWorkingDays',
  });

export type EscalationPolicy = z.output<typeof policySchema>;

export const DEFAULT_POLICY: EscalationPolicy = Object.freeze({
  dueSoonWorkingDays: 5,
  overdueWorkingDays: 1,
  supervisionWorkingDays: 10,
  evaluationCalendarDays: 30,
  reportCadence: ReportCadence.MONTHLY,
  reportDueWorkingDay: 5,
});

/** A plan's stored policy (partial: what it changes) laid over the default; throws a ZodError when invalid. */
export function resolvePolicy(stored: unknown): EscalationPolicy {
  if (stored === null || stored === undefined) return DEFAULT_POLICY;
  return policySchema.parse({ ...DEFAULT_POLICY, ...(stored as object) });
}

/** Plans that share these numbers share the sweep's statements. */
export function policyKey(p: EscalationPolicy): string {
  return JSON.stringify(LADDER_FIELDS.map((f) => p[f]));
}

const LADDER_FIELDS = [
  'dueSoonWorkingDays',
  'overdueWorkingDays',
  'supervisionWorkingDays',
  'evaluationCalendarDays',
] as const;
