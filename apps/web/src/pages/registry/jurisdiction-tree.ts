import type { Jurisdiction } from './registry-queries';

export interface JurisdictionNode {
  key: string;
  value: string;
  title: string;
  jurisdiction: Jurisdiction;
  children: JurisdictionNode[];
}

/**
 * The flat `jurisdictions` list as a tree. A jurisdiction whose parent is outside the caller's reach (a
 * supervisor's own city under a province it cannot see) is a root.
 */
export function buildJurisdictionTree(list: readonly Jurisdiction[]): JurisdictionNode[] {
  const nodes = new Map<string, JurisdictionNode>(
    list.map((j) => [j.id, { key: j.id, value: j.id, title: j.name, jurisdiction: j, children: [] }]),
  );
  const roots: JurisdictionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.jurisdiction.parent ? nodes.get(node.jurisdiction.parent.id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** A name or alias of the jurisdiction contains `needle`. */
function matches(j: Jurisdiction, needle: string): boolean {
  return j.name.includes(needle) || j.aliases.some((a) => a.includes(needle));
}

/**
 * The tree cut down to the jurisdictions whose name or alias contains `text` (each with all it holds)
 * and their ancestors; `open` lists those ancestors, to expand so that every match shows.
 */
export function filterJurisdictionTree(
  roots: JurisdictionNode[],
  text: string,
): { roots: JurisdictionNode[]; open: string[] } {
  const needle = text.trim();
  const open: string[] = [];
  const keep = (node: JurisdictionNode): JurisdictionNode | null => {
    if (matches(node.jurisdiction, needle)) return node;
    const children = node.children.map(keep).filter((c): c is JurisdictionNode => c !== null);
    if (!children.length) return null;
    open.push(node.key);
    return { ...node, children };
  };
  if (!needle) return { roots, open };
  return { roots: roots.map(keep).filter((c): c is JurisdictionNode => c !== null), open };
}
