// The importer: text in, a draft of plans, measures, assignments and indicators out, plus warnings.
import { mentionsFor } from './assignments/mentions.js';
import { chooseJurisdiction } from './document/jurisdiction.js';
import { documentNumberOf } from './document/metadata.js';
import { readPlan, type PlanContext } from './document/read-plan.js';
import { screenText } from './document/screen.js';
import { preambleOf, splitPlans, type DocumentLayout } from './document/split-plans.js';
import { normaliseDocument } from './normalise.js';
import { ImportError, type DraftDocument, type DraftPlan, type ImportOptions, type ImportWarning } from './types.js';

/**
 * Lines that say whose document it is: the notice, each plan's title block, and a document number printed
 * under a title (国发〔2018〕39号). Numbers the preamble cites (根据…（苏政办发〔2018〕3号）) do not count.
 */
function headerLines(layout: DocumentLayout): string[] {
  const numbered = layout.plans.flatMap((p) => preambleOf(p).filter((l) => documentNumberOf([l])));
  return [...layout.front, ...layout.plans.flatMap((p) => p.titleLines), ...numbered].map((l) => l.text);
}

/** A plan with no measures is left out of the draft, and said so. */
function emptyPlanWarnings(plans: DraftPlan[]): ImportWarning[] {
  return plans
    .filter((p) => p.measures.length === 0)
    .map((p) => ({
      line: p.startLine,
      message: `「${p.title}」中没有找到措施，未导入 (no measures found in this plan: left out)`,
      excerpt: p.title.slice(0, 120),
    }));
}

function titles(layout: DocumentLayout): string[] {
  return layout.plans.map((p) => p.titleLines.map((l) => l.text).join(''));
}

/**
 * Reads a plan document. Throws ImportError when the text cannot be one (empty, binary, noise, too large),
 * holds no measures, or belongs to no jurisdiction that can be told.
 */
export function importDocument(text: string, options: ImportOptions): DraftDocument {
  screenText(text);
  const { lines } = normaliseDocument(text);
  const layout = splitPlans(lines);
  const jurisdictionKey = chooseJurisdiction(
    options.registry,
    options.jurisdictionKey,
    headerLines(layout),
    titles(layout),
  );
  const ctx: PlanContext = {
    registry: options.registry,
    jurisdictionKey,
    mentions: mentionsFor(options.registry, jurisdictionKey),
    front: layout.front,
    all: lines,
    raw: text.replace(/^\uFEFF/, '').split(/\r\n?|\n/),
  };
  const readings = layout.plans.map((slice) => readPlan(slice, ctx));
  const plans = readings.map((r) => r.plan).filter((p) => p.measures.length > 0);
  if (plans.length === 0) {
    throw new ImportError('文档中没有找到任何措施 (the document holds no measures)', 'NO_MEASURES');
  }
  const warnings = [...readings.flatMap((r) => r.warnings), ...emptyPlanWarnings(readings.map((r) => r.plan))];
  return { plans, warnings: warnings.sort((a, b) => a.line - b.line) };
}
