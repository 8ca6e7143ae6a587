import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BadInputError, byKeys, RequestLoaders } from '@app/common';
import { AuditService } from '@app/audit';
import type { AccessScope } from '@app/auth';
import type { ScoringRulesInput } from './dtos/scoring-rules.input.js';
import type { ScoringRules } from './dtos/scoring-rules.type.js';

const COLUMNS = `id, weight_on_time::float8 AS "weightOnTime", weight_not_overdue::float8 AS "weightNotOverdue",
  weight_reporting::float8 AS "weightReporting", escalation_penalties::float8[] AS "escalationPenalties",
  notice_penalty::float8 AS "noticePenalty", report_window_days AS "reportWindowDays", created_at AS "createdAt"`;

/**
 * 考核规则, kept as versions (a change inserts a new row) so that an evaluation always points at the
 * rules it was scored by. Only an ADMIN changes them (the resolver's @Roles).
 */
@Injectable()
export class ScoringRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly loaders: RequestLoaders,
    private readonly audit: AuditService,
  ) {}

  async current(m: EntityManager = this.dataSource.manager): Promise<ScoringRules> {
    const rows: ScoringRules[] = await m.query(
      `SELECT ${COLUMNS} FROM scoring_rules ORDER BY created_at DESC, id LIMIT 1`,
    );
    return rows[0]!;
  }

  update(scope: AccessScope, input: ScoringRulesInput): Promise<ScoringRules> {
    return this.dataSource.transaction(async (m) => {
      await m.query('LOCK TABLE scoring_rules IN SHARE ROW EXCLUSIVE MODE'); // one change at a time
      const before = await this.current(m);
      const next = { ...before, ...definedOnly(input) };
      validate(next);
      const rows: ScoringRules[] = await m.query(
        `INSERT INTO scoring_rules (weight_on_time, weight_not_overdue, weight_reporting, escalation_penalties,
           notice_penalty, report_window_days, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [
          next.weightOnTime,
          next.weightNotOverdue,
          next.weightReporting,
          next.escalationPenalties,
          next.noticePenalty,
          next.reportWindowDays,
          scope.user.id,
        ],
      );
      await this.audit.record(m, scope.user.id, 'scoring_rules.update', 'scoring_rules', rows[0]!.id, before, rows[0]);
      return rows[0]!;
    });
  }

  loader(request: object) {
    return this.loaders.get<string, ScoringRules | null>(request, 'scoringRules', async (ids) => {
      const rows: ScoringRules[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM scoring_rules WHERE id = ANY($1::uuid[])`,
        [[...ids]],
      );
      return byKeys(ids, rows, (r) => r.id);
    });
  }
}

function definedOnly(input: ScoringRulesInput): Partial<ScoringRules> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
}

function validate(r: ScoringRules): void {
  const weights = [r.weightOnTime, r.weightNotOverdue, r.weightReporting];
  const finite = (x: number) => Number.isFinite(x) && x >= 0;
  if (!weights.every(finite) || weights.reduce((a, b) => a + b, 0) <= 0)
    throw new BadInputError('权重须为非负数且不全为 0 (weights must be ≥ 0 and not all 0)');
  if (r.escalationPenalties.length !== 4 || !r.escalationPenalties.every(finite))
    throw new BadInputError('预警扣分须为 4 个非负数，依次对应 1–4 级 (escalationPenalties: four numbers ≥ 0)');
  if (!finite(r.noticePenalty)) throw new BadInputError('督办单扣分须为非负数 (noticePenalty must be ≥ 0)');
  if (!Number.isInteger(r.reportWindowDays) || r.reportWindowDays < 1 || r.reportWindowDays > 366)
    throw new BadInputError('报送周期须为 1–366 天 (reportWindowDays must be 1–366)');
}
