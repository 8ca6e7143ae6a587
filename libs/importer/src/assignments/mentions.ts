// Department resolution for one plan's jurisdiction, with the work that does not change between plans
// (the actor pattern, resolved mentions) kept per registry.
import { functionWordsSource, provisionalUnit, resolveMention, type MentionResolution } from '../resolve/index.js';
import type { Registry } from '../types.js';
import type { KeepUnit, ResolveMention } from './assign.js';
import { ActorFinder } from './prose-actors.js';

export interface Mentions {
  resolve: ResolveMention;
  keep: KeepUnit;
  actors: ActorFinder;
}

interface Cached {
  actors: ActorFinder;
  resolved: Map<string, MentionResolution>;
}

const cache = new WeakMap<Registry, Map<string, Cached>>();

/** Names a department goes by in prose of this jurisdiction: its own names, and the State Council's for the nation. */
function departmentNames(registry: Registry, jurisdictionKey: string): string[] {
  const own = registry.departments
    .filter((d) => d.jurisdictionKey === jurisdictionKey)
    .flatMap((d) => [d.name, d.shortName, ...d.aliases]);
  const nation = registry.jurisdictions.find((j) => j.key === jurisdictionKey)?.level === 'NATION';
  return nation ? [...own, ...registry.functions.flatMap((f) => f.nationalNames)] : own;
}

export function mentionsFor(registry: Registry, jurisdictionKey: string): Mentions {
  let byJurisdiction = cache.get(registry);
  if (!byJurisdiction) cache.set(registry, (byJurisdiction = new Map()));
  let cached = byJurisdiction.get(jurisdictionKey);
  if (!cached) {
    cached = {
      actors: new ActorFinder(functionWordsSource(registry), departmentNames(registry, jurisdictionKey)),
      resolved: new Map(),
    };
    byJurisdiction.set(jurisdictionKey, cached);
  }
  const { resolved } = cached;
  const resolve = (mention: string): MentionResolution => {
    let r = resolved.get(mention);
    if (!r) resolved.set(mention, (r = resolveMention({ registry, jurisdictionKey }, mention)));
    return r;
  };
  const keep = (name: string) => provisionalUnit({ registry, jurisdictionKey }, name);
  return { resolve, keep, actors: cached.actors };
}
