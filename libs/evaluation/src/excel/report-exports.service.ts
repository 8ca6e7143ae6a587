import { Injectable } from '@nestjs/common';
import type { AccessScope } from '@app/auth';
import { EvaluationPartsService } from '../evaluations/evaluation-parts.service.js';
import { EvaluationStatus } from '../evaluations/evaluation.entity.js';
import { EvaluationsService } from '../evaluations/evaluations.service.js';
import type { IndicatorAttainment } from '../indicators/dtos/indicator-attainment.type.js';
import type { MatrixCell } from '../matrix/dtos/responsibility-matrix.type.js';
import { ResponsibilityMatrixService } from '../matrix/responsibility-matrix.service.js';
import type { DepartmentScorecard } from '../scorecards/dtos/department-scorecard.type.js';
import { ScorecardsService } from '../scorecards/scorecards.service.js';
import { ScoringRulesService } from '../scorecards/scoring-rules.service.js';
import { ATTAINMENT_NAME, ROLE_NAME, STATUS_NAME } from './labels.js';
import { XlsxBuilder, type SheetColumn } from './workbook.js';

const OVERDUE_FILL = 'FFF8CBAD';
const DONE_FILL = 'FFC6EFCE';
const PERCENT = '0.0%';

const SCORECARD_COLUMNS: SheetColumn<DepartmentScorecard>[] = [
  { header: '名次', value: (c) => c.rank },
  { header: '部门', value: (c) => c.name },
  { header: '任务数', value: (c) => c.tasksTotal },
  { header: '已完成', value: (c) => c.tasksCompleted },
  { header: '按期完成', value: (c) => c.completedOnTime },
  { header: '到期任务', value: (c) => c.tasksDue },
  { header: '按期完成率', value: (c) => c.onTimeRate, numFmt: PERCENT },
  { header: '逾期', value: (c) => c.overdue },
  { header: '临期提醒', value: (c) => c.escalationsByLevel[0] ?? 0 },
  { header: '逾期预警', value: (c) => c.escalationsByLevel[1] ?? 0 },
  { header: '督办', value: (c) => c.escalationsByLevel[2] ?? 0 },
  { header: '纳入考核', value: (c) => c.escalationsByLevel[3] ?? 0 },
  { header: '督办单', value: (c) => c.noticesIssued },
  { header: '报送及时率', value: (c) => c.reportTimeliness, numFmt: PERCENT },
  { header: '报送提醒', value: (c) => c.reportReminders },
  { header: '得分', value: (c) => c.score, numFmt: '0.0' },
];

const INDICATOR_COLUMNS: SheetColumn<IndicatorAttainment>[] = [
  { header: '指标', value: (a) => a.name },
  { header: '单位', value: (a) => a.unit },
  { header: '基线值', value: (a) => a.baselineValue },
  { header: '目标年度', value: (a) => a.targetYear },
  { header: '目标值', value: (a) => a.target },
  { header: '上报值', value: (a) => a.value },
  { header: '上报年度', value: (a) => a.valueYear },
  { header: '完成情况', value: (a) => ATTAINMENT_NAME[a.status] },
  { header: '说明', value: (a) => a.reason },
];

/** Downloads of the leaders' views: the responsibility matrix, the league table, an evaluation. */
@Injectable()
export class ReportExportsService {
  constructor(
    private readonly matrices: ResponsibilityMatrixService,
    private readonly scorecards: ScorecardsService,
    private readonly evaluations: EvaluationsService,
    private readonly parts: EvaluationPartsService,
    private readonly rules: ScoringRulesService,
  ) {}

  /** 责任矩阵: a row per measure, a column per department, each cell its role and status. */
  async matrix(scope: AccessScope, planId: string): Promise<{ title: string; xlsx: Buffer }> {
    const m = await this.matrices.matrix(scope, planId);
    const cells = new Map(m.cells.map((c) => [`${c.measureId}|${c.departmentId}`, c]));
    const cellOf = (measureId: string, column: number): MatrixCell | undefined =>
      column < 2 ? undefined : cells.get(`${measureId}|${m.departments[column - 2]!.id}`);
    const columns: SheetColumn<(typeof m.measures)[number]>[] = [
      { header: '措施编号', value: (x) => x.code },
      { header: '措施', value: (x) => x.title },
      ...m.departments.map((d, i) => ({
        header: d.shortName,
        value: (x: { id: string }) => describe(cellOf(x.id, i + 2)),
      })),
    ];
    const xlsx = new XlsxBuilder();
    xlsx.addSheet('责任矩阵', columns, m.measures, {
      freezeColumns: 2,
      fillOf: (x, column) => {
        const cell = cellOf(x.id, column);
        if (cell?.overdue) return OVERDUE_FILL;
        return cell?.status === 'COMPLETED' ? DONE_FILL : undefined;
      },
    });
    return { title: m.plan.title, xlsx: await xlsx.toBuffer() };
  }

  async scorecardTable(scope: AccessScope, planId: string | null, asOf: string): Promise<Buffer> {
    const xlsx = new XlsxBuilder();
    xlsx.addSheet('考核排名', SCORECARD_COLUMNS, await this.scorecards.live(scope, planId, asOf));
    return xlsx.toBuffer();
  }

  /** 评估: the frozen league table, the frozen indicator attainment, and what it was. */
  async evaluation(scope: AccessScope, id: string, request: object): Promise<{ title: string; xlsx: Buffer }> {
    const e = await this.evaluations.get(scope, id);
    const [cards, indicators, rules] = await Promise.all([
      this.parts.scorecardsLoader(request).load(id),
      this.parts.indicatorsLoader(request).load(id),
      this.rules.loader(request).load(e.rulesId),
    ]);
    const about: [string, string | number][] = [
      ['评估', e.title],
      ['类型', e.kind === 'MID_TERM' ? '中期评估' : '终期评估'],
      ['截至日期', e.asOf],
      ['状态', e.status === EvaluationStatus.PUBLISHED ? '已发布' : '草稿'],
      [
        '权重：按期完成率 / 未逾期率 / 报送及时率',
        `${rules!.weightOnTime} / ${rules!.weightNotOverdue} / ${rules!.weightReporting}`,
      ],
      ['每次预警扣分（1–4级）', rules!.escalationPenalties.join(' / ')],
      ['每份督办单扣分', rules!.noticePenalty],
    ];
    const xlsx = new XlsxBuilder();
    xlsx.addSheet('考核结果', SCORECARD_COLUMNS, cards);
    xlsx.addSheet('指标完成情况', INDICATOR_COLUMNS, indicators);
    xlsx.addSheet(
      '说明',
      [
        { header: '项目', value: (r: [string, string | number]) => r[0] },
        { header: '内容', value: (r) => r[1] },
      ],
      about,
    );
    return { title: e.title, xlsx: await xlsx.toBuffer() };
  }
}

function describe(cell: MatrixCell | undefined): string | null {
  if (!cell) return null;
  const parts = [ROLE_NAME[cell.role], STATUS_NAME[cell.status]];
  if (cell.overdue) parts.push('逾期');
  if (cell.escalationLevel) parts.push(`${cell.escalationLevel}级预警`);
  return parts.join('·');
}
