// Which jurisdiction a document's plans belong to.
import { inferJurisdiction } from '../resolve/index.js';
import { ImportError, type Registry } from '../types.js';

/** The given key, else what the header says (issuer, document number), else the jurisdiction the titles name. */
export function chooseJurisdiction(
  registry: Registry,
  given: string | undefined,
  headerLines: string[],
  titles: string[],
): string {
  if (given) return given;
  const inferred = inferJurisdiction(registry, headerLines) ?? namedIn(registry, titles.join('\n'));
  if (inferred) return inferred;
  throw new ImportError(
    '无法确定规划所属行政区划，请指定 (no jurisdiction could be inferred from the document; give one)',
    'NO_JURISDICTION',
  );
}

function namedIn(registry: Registry, text: string): string | null {
  let best: { key: string; length: number } | null = null;
  for (const j of registry.jurisdictions) {
    for (const name of [j.name, ...j.aliases]) {
      if (name.length >= 2 && text.includes(name) && name.length > (best?.length ?? 0)) {
        best = { key: j.key, length: name.length };
      }
    }
  }
  return best?.key ?? null;
}
