// npm run bench:import — parse time of the five seeds, and import-and-save end to end
// on a scratch database (created and dropped here), with peak memory.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { UserRole, UsersService } from '@app/auth';
import { parseConfig, repoPath } from '@app/common';
import { createDataSource, ensureDatabase, runMigrations } from '@app/database';
import { RegistrySeeder } from '@app/departments';
import { importDocument, loadRegistryFiles } from '@app/importer';
import { PlanImportService } from '@app/plans';
import { SeedModule } from '../apps/cli/src/seed.module.js';

const ROUNDS = 20;
const dir = repoPath('seeds', 'plans');
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(`${dir}/${f}`, 'utf8') }));
const registry = loadRegistryFiles(repoPath('seeds', 'registry'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function benchParse(): void {
  for (const s of seeds) importDocument(s.text, { registry }); // warm-up
  const totals: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    for (const s of seeds) importDocument(s.text, { registry });
    totals.push(performance.now() - t0);
  }
  console.log(
    `parse, all five seeds: median ${median(totals).toFixed(1)} ms, min ${Math.min(...totals).toFixed(1)} ms (target < 200 ms)`,
  );
}

async function benchImportAndSave(): Promise<void> {
  const base = parseConfig(process.env);
  const url = new URL(base.DATABASE_URL);
  url.pathname = `/luoshi_bench_${randomBytes(3).toString('hex')}`;
  const config = { ...base, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' as const };
  await ensureDatabase(config.DATABASE_URL);
  const ds = await createDataSource(config.DATABASE_URL).initialize();
  await runMigrations(ds);
  await ds.destroy();
  const ctx = await NestFactory.createApplicationContext(SeedModule.forRoot(config), { logger: false });
  try {
    await ctx.get(RegistrySeeder).load(registry);
    const admin = await ctx
      .get(UsersService)
      .ensure({ username: 'bench', password: 'bench-password', displayName: 'bench', role: UserRole.ADMIN });
    const scope = {
      user: { id: admin.id, username: 'bench', role: UserRole.ADMIN, departmentId: null, jurisdictionId: null },
      jurisdictionIds: null,
      departmentId: null,
    };
    const importer = ctx.get(PlanImportService);
    const db = ctx.get(DataSource);
    const totals: number[] = [];
    for (let i = 0; i < 6; i++) {
      await db.query('TRUNCATE plan_document, plan, measure, assignment, indicator CASCADE');
      const t0 = performance.now();
      for (const s of seeds) await importer.import(scope, { text: s.text, fileName: s.file });
      if (i > 0) totals.push(performance.now() - t0); // the first round warms caches and the JIT
    }
    console.log(
      `import and save, all five seeds: median ${median(totals).toFixed(0)} ms, min ${Math.min(...totals).toFixed(0)} ms (target < 1500 ms)`,
    );
  } finally {
    await ctx.close();
    const admin = await createDataSource(base.DATABASE_URL.replace(/\/[^/]*$/, '/postgres')).initialize();
    await admin.query(`DROP DATABASE ${url.pathname.slice(1)} WITH (FORCE)`);
    await admin.destroy();
  }
}

benchParse();
await benchImportAndSave();
console.log(`peak memory (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
