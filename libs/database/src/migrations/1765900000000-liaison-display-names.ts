import type { MigrationInterface, QueryRunner } from 'typeorm';

// The demo liaisons were named `滕州市 HEALTH 联络员`; people read the department's name instead
// (滕州市卫生健康局联络员). Only names of exactly that generated shape are touched.
const DEMO_LIAISON = `u.username ~ '^(tengzhou|chongqing)\\.(health|police|civil|education)$'`;

export class LiaisonDisplayNames1765900000000 implements MigrationInterface {
  name = 'LiaisonDisplayNames1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE app_user u SET display_name = d.name || '联络员'
      FROM department d JOIN jurisdiction j ON j.id = d.jurisdiction_id
      WHERE d.id = u.department_id AND ${DEMO_LIAISON}
        AND u.display_name = j.name || ' ' || d.function_code || ' 联络员'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE app_user u SET display_name = j.name || ' ' || d.function_code || ' 联络员'
      FROM department d JOIN jurisdiction j ON j.id = d.jurisdiction_id
      WHERE d.id = u.department_id AND ${DEMO_LIAISON} AND u.display_name = d.name || '联络员'`);
  }
}
