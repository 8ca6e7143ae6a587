import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Registry } from '@app/importer';
import { lockKey } from '@app/database';

/**
 * Loads the registry files (seeds/registry) into the database. Idempotent: rows are
 * upserted by their stable keys, so a restart or a second replica changes nothing. Once loaded,
 * jurisdictions and departments are administered in the product (renamed, merged, aliases edited):
 * a later load adds what is missing and the files' aliases, and keeps administered names and functions.
 */
@Injectable()
export class RegistrySeeder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(registry: Registry): Promise<{ jurisdictions: number; functions: number; departments: number }> {
    return this.dataSource.transaction(async (m) => {
      await lockKey(m, 'registry', 'seed');
      await this.upsertJurisdictions(m, registry);
      await this.upsertFunctions(m, registry);
      await this.upsertDepartments(m, registry);
      return {
        jurisdictions: registry.jurisdictions.length,
        functions: registry.functions.length,
        departments: registry.departments.length,
      };
    });
  }

  private async upsertJurisdictions(m: EntityManager, r: Registry): Promise<void> {
    const j = r.jurisdictions;
    await m.query(
      `INSERT INTO jurisdiction (key, name, level, aliases)
       SELECT k, n, l, ARRAY(SELECT jsonb_array_elements_text(a))
       FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[]) AS t(k, n, l, a)
       ON CONFLICT (key) DO UPDATE SET aliases = ARRAY(
         SELECT a FROM (SELECT unnest(jurisdiction.aliases || EXCLUDED.aliases) EXCEPT SELECT jurisdiction.name) x(a)
         ORDER BY a)`,
      [j.map((x) => x.key), j.map((x) => x.name), j.map((x) => x.level), j.map((x) => JSON.stringify(x.aliases))],
    );
    await m.query(
      `UPDATE jurisdiction c SET parent_id = p.id
       FROM unnest($1::text[], $2::text[]) AS t(child, parent)
       JOIN jurisdiction p ON p.key = t.parent
       WHERE c.key = t.child AND c.parent_id IS DISTINCT FROM p.id`,
      [j.filter((x) => x.parentKey).map((x) => x.key), j.filter((x) => x.parentKey).map((x) => x.parentKey)],
    );
  }

  private async upsertFunctions(m: EntityManager, r: Registry): Promise<void> {
    const f = r.functions;
    await m.query(
      `INSERT INTO department_function (code, name, patterns, national_names, name_template, short_template)
       SELECT c, n, ARRAY(SELECT jsonb_array_elements_text(p)), ARRAY(SELECT jsonb_array_elements_text(nn)), nt, st
       FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[], $5::text[], $6::text[]) AS t(c, n, p, nn, nt, st)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, patterns = EXCLUDED.patterns,
         national_names = EXCLUDED.national_names, name_template = EXCLUDED.name_template,
         short_template = EXCLUDED.short_template`,
      [
        f.map((x) => x.code),
        f.map((x) => x.name),
        f.map((x) => JSON.stringify(x.patterns)),
        f.map((x) => JSON.stringify(x.nationalNames)),
        f.map((x) => x.nameTemplate),
        f.map((x) => x.shortTemplate),
      ],
    );
  }

  private async upsertDepartments(m: EntityManager, r: Registry): Promise<void> {
    const d = r.departments;
    // A registry entry confirms a department an import created provisionally; one already confirmed
    // keeps its names and function as administered, gaining only the file's aliases.
    await m.query(
      `INSERT INTO department (key, jurisdiction_id, function_code, name, short_name, aliases, provisional)
       SELECT t.k, j.id, t.f, t.n, t.s, ARRAY(SELECT jsonb_array_elements_text(t.a)), false
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) AS t(k, jk, f, n, s, a)
       JOIN jurisdiction j ON j.key = t.jk
       ON CONFLICT (key) DO UPDATE SET
         name = CASE WHEN department.provisional THEN EXCLUDED.name ELSE department.name END,
         short_name = CASE WHEN department.provisional THEN EXCLUDED.short_name ELSE department.short_name END,
         function_code = CASE WHEN department.provisional THEN EXCLUDED.function_code ELSE department.function_code END,
         aliases = ARRAY(
           SELECT a FROM (SELECT unnest(department.aliases || EXCLUDED.aliases)
                          EXCEPT SELECT unnest(department.former_names || ARRAY[department.name, department.short_name])) x(a)
           ORDER BY a),
         provisional = false`,
      [
        d.map((x) => x.key),
        d.map((x) => x.jurisdictionKey),
        d.map((x) => x.functionCode),
        d.map((x) => x.name),
        d.map((x) => x.shortName),
        d.map((x) => JSON.stringify(x.aliases)),
      ],
    );
  }
}
