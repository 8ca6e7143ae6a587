import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Tree } from 'antd';
import { useMemo, useState } from 'react';
import { JURISDICTION_LEVEL } from '../../labels';
import { buildJurisdictionTree, filterJurisdictionTree } from './jurisdiction-tree';
import type { Jurisdiction } from './registry-queries';

/** Ids of `id`'s ancestors in the list, nearest last. */
function ancestorsOf(list: readonly Jurisdiction[], id: string): string[] {
  const byId = new Map(list.map((j) => [j.id, j]));
  const out: string[] = [];
  for (let p = byId.get(id)?.parent?.id; p && byId.has(p); p = byId.get(p)?.parent?.id) out.unshift(p);
  return out;
}

/** The jurisdiction tree, searchable by name or alias; picking one shows its departments beside it. */
export function JurisdictionTreeCard({
  jurisdictions,
  selectedId,
  onSelect,
  onAdd,
}: {
  jurisdictions: readonly Jurisdiction[];
  selectedId: string | undefined;
  onSelect(id: string): void;
  onAdd(): void;
}) {
  const [search, setSearch] = useState('');
  const tree = useMemo(() => buildJurisdictionTree(jurisdictions), [jurisdictions]);
  const shown = useMemo(() => filterJurisdictionTree(tree, search), [tree, search]);
  const find = (text: string) => {
    setSearch(text);
    const open = filterJurisdictionTree(tree, text).open;
    if (open.length) setExpanded((e) => [...new Set([...e, ...open])]);
  };
  const [expanded, setExpanded] = useState<string[]>(() => [
    ...tree.map((n) => n.key),
    ...(selectedId ? ancestorsOf(jurisdictions, selectedId) : []),
  ]);
  // A jurisdiction selected from outside (one just created, once the list has it) opens its branch.
  const listed = selectedId && jurisdictions.some((j) => j.id === selectedId) ? selectedId : undefined;
  const [opened, setOpened] = useState(listed);
  if (listed && opened !== listed) {
    setOpened(listed);
    setExpanded((e) => [...new Set([...e, ...ancestorsOf(jurisdictions, listed)])]);
  }

  return (
    <Card
      size="small"
      title="行政区划"
      extra={
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={onAdd}>
          新增行政区划
        </Button>
      }
    >
      <Input.Search
        allowClear
        placeholder="按名称或别名查找"
        aria-label="查找行政区划"
        onChange={(e) => find(e.target.value)}
        style={{ marginBottom: 8 }}
      />
      <div style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }} data-testid="jurisdiction-tree">
        <Tree
          blockNode
          treeData={shown.roots}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
          titleRender={(node) => (
            <span>
              <span>{node.jurisdiction.name}</span>
              <span style={{ color: '#8c8c8c', marginLeft: 6, fontSize: 12 }}>
                {JURISDICTION_LEVEL[node.jurisdiction.level] ?? node.jurisdiction.level}
              </span>
            </span>
          )}
        />
      </div>
    </Card>
  );
}
