/**
 * What the public page of a plan shows (政务公开), and nothing more: departments by name, never
 * people; a report's narrative only when the office marked that report public; no problems, next
 * steps, evidence, notices or files. The JSON twin is this object as it is.
 */
export interface PublicPlan {
  id: string;
  title: string;
  documentNumber: string | null;
  issuer: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  jurisdiction: { id: string; name: string };
  /** The day (Asia/Shanghai) the overdue flags and indicator verdicts are worked out for. */
  asOf: string;
  summary: { measures: number; tasks: number; completed: number; overdue: number; averagePercent: number };
  measures: PublicMeasure[];
  indicators: PublicIndicator[];
}

export interface PublicMeasure {
  code: string;
  title: string;
  section: string | null;
  deadline: string | null;
  departments: PublicTask[];
}

export interface PublicTask {
  department: string;
  /** LEAD 牵头, COOPERATING 配合, RESPONSIBLE 责任. */
  role: string;
  status: string;
  percent: number;
  dueDate: string;
  overdue: boolean;
  /** Newest first; only the reports the office made public, only their narrative. */
  reports: { submittedOn: string; percent: number; narrative: string }[];
}

export interface PublicIndicator {
  name: string;
  unit: string | null;
  targetYear: number | null;
  target: string | null;
  value: string | null;
  valueYear: number | null;
  /** ON_TRACK, AT_RISK, OFF_TRACK or UNKNOWN. */
  status: string;
}

export interface PublicPlanLink {
  id: string;
  title: string;
  documentNumber: string | null;
  periodStart: number | null;
  periodEnd: number | null;
}
