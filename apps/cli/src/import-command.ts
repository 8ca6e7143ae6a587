import { readFileSync } from 'node:fs';
import { repoPath } from '@app/common';
import { importDocument, ImportError, loadRegistryFiles, type DraftPlan } from '@app/importer';

/** `npm run import -- FILE…`: reads documents with the importer and prints what it found. */
export function importCommand(files: string[], out: (line: string) => void = console.log): number {
  if (!files.length) {
    out('usage: npm run import -- FILE [FILE …]');
    return 64;
  }
  const registry = loadRegistryFiles(repoPath('seeds', 'registry'));
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      out(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      failed++;
      continue;
    }
    try {
      const draft = importDocument(text, { registry, fileName: file });
      out(`== ${file}: ${draft.plans.length} plan(s), ${draft.warnings.length} warning(s)`);
      draft.plans.forEach((p) => printPlan(p, out));
      for (const w of draft.warnings) out(`  ! line ${w.line}: ${w.message} — ${w.excerpt}`);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      out(`${file}: not importable (${error.reason}): ${error.message}`);
      failed++;
    }
  }
  return failed ? 1 : 0;
}

function printPlan(p: DraftPlan, out: (line: string) => void): void {
  const assignments = p.measures.flatMap((m) => m.assignments);
  const explicit = assignments.filter((a) => a.explicit).length;
  out(`-- ${p.title} [${p.jurisdictionKey}] ${p.documentNumber ?? ''} ${p.periodStart ?? '?'}–${p.periodEnd ?? '?'}`);
  out(
    `   ${p.measures.length} measures, ${assignments.length} assignments (${explicit} explicit, ` +
      `${assignments.length - explicit} inferred), ${p.indicators.length} indicators`,
  );
  for (const m of p.measures) {
    const who = m.assignments.map((a) => `${a.mentionedAs}:${a.role}${a.explicit ? '' : '?'}`).join(' ');
    out(`   ${m.code.padEnd(14)} ${m.deadline ?? '----------'} ${m.title.slice(0, 40)} | ${who || '(plan lead)'}`);
  }
  for (const i of p.indicators) {
    const targets = i.targets.map((t) => `${t.year}:${t.value}`).join(' ');
    out(
      `   ◆ ${i.name} (${i.unit ?? ''}) base ${i.baselineYear ?? ''}:${i.baselineValue ?? ''} → ${targets} ${i.nature ?? ''}`,
    );
  }
}
