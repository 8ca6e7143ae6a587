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

/** The tree cut down to the nodes whose name or alias contains `text`, with their ancestors. */
export function filterJurisdictionTree(roots: JurisdictionNode[], text: string): JurisdictionNode[] {
  const needle = text.trim();
  if (!needle) return roots;
  const keep = (node: JurisdictionNode): JurisdictionNode | null => {
    const children = node.children.map(keep).filter((c): c is JurisdictionNode => c !== null);
    const j = node.jurisdiction;
    const hit = j.name.includes(needle) || j.aliases.some((a) => a.includes(needle));
    return hit || children.length ? { ...node, children } : null;
  };
  return roots.map(keep).filter((c): c is JurisdictionNode => c !== null);
}

/** Ids of every node of the tree that has children (to expand a filtered tree fully). */
export function branchIds(roots: JurisdictionNode[]): string[] {
  return roots.flatMap((n) => (n.children.length ? [n.key, ...branchIds(n.children)] : []));
}
