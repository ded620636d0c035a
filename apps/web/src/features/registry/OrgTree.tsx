import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Empty, Spin, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/ErrorAlert';
import { UnitStatusTag } from '../../components/UnitStatusTag';
import type { ApiError } from '../../lib/api-error';
import { fetchUnitChildren, type UnitRow } from './registry-api';

interface UnitNode extends DataNode {
  key: string;
  unit: UnitRow;
  children?: UnitNode[];
}

const nodeOf = (unit: UnitRow): UnitNode => ({ key: unit.id, unit, isLeaf: unit.childCount === 0 });

/** Puts the loaded children under their parent, wherever it sits in the tree. */
function withChildren(nodes: UnitNode[], parentId: string, children: UnitNode[]): UnitNode[] {
  return nodes.map((n) => (n.key === parentId ? { ...n, children } : n.children ? { ...n, children: withChildren(n.children, parentId, children) } : n));
}

function UnitTitle({ unit }: { unit: UnitRow }) {
  const { t } = useTranslation();
  return (
    <span className="registry-node" data-testid={`unit-node-${unit.id}`}>
      <Typography.Text strong delete={unit.status !== 'active'}>{unit.name}</Typography.Text> <Tag>{t(`unitKind.${unit.kind}`)}</Tag>
      {/* Merged and dissolved units stay in the registry for their reviews' history. */}
      <UnitStatusTag unitId={unit.id} standing={unit} />
      {unit.status === 'active' ? (
        <Typography.Text type="secondary">
          {unit.headName ? t('registry:node.head', { name: unit.headName }) : t('registry:node.noHead')} · {t('registry:node.members', { count: unit.memberCount })}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** The organisation tree; each unit's children are read when it is opened (GET /org/units?parentId=). */
export function OrgTree({ selected, onSelect }: { selected: string | null; onSelect: (unit: UnitRow) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const top = useQuery<{ items: UnitRow[] }, ApiError>({ queryKey: ['org', 'units', 'top'], queryFn: () => fetchUnitChildren(null) });
  const [nodes, setNodes] = useState<UnitNode[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);

  // A new import invalidates ['org']: start again from the top units.
  useEffect(() => {
    setNodes((top.data?.items ?? []).map(nodeOf));
    setExpanded([]);
  }, [top.data]);

  const loadData = async (node: UnitNode) => {
    if (node.children) return;
    const page = await client.fetchQuery({ queryKey: ['org', 'units', 'children', node.key], queryFn: () => fetchUnitChildren(node.key) });
    setNodes((current) => withChildren(current, node.key, page.items.map(nodeOf)));
  };

  if (top.isPending) return <Spin />;
  if (top.error) return <ErrorAlert error={top.error} />;
  if (nodes.length === 0) return <Empty description={t('registry:empty')} />;
  return (
    <Tree<UnitNode>
      aria-label={t('registry:treeLabel')}
      className="registry-tree"
      treeData={nodes}
      loadData={loadData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys as string[])}
      selectedKeys={selected ? [selected] : []}
      onSelect={(_, info) => onSelect(info.node.unit)}
      titleRender={(node) => <UnitTitle unit={node.unit} />}
      blockNode
    />
  );
}
