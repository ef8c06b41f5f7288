import { Alert, Table, Tag, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import type { ImportBranches } from '../../api/members';
import { importText } from './import.text';

const t = importText.branches;
type Branch = ImportBranches['branches'][number];
type TreeNode = { value: number; title: string; initials: string; children: TreeNode[] };

const MATCH_COLORS: Record<Branch['match'], string> = {
  chosen: 'blue',
  exact: 'green',
  short: 'cyan',
  ambiguous: 'orange',
  none: 'red',
};

/** The chosen organisation's subtree as the tree select's nodes (the answer lists parents before children). */
function treeOf(orgs: ImportBranches['orgs']): TreeNode[] {
  const nodes = new Map<number, TreeNode>();
  const roots: TreeNode[] = [];
  for (const org of orgs) {
    const node: TreeNode = { value: org.id, title: org.name, initials: org.initials, children: [] };
    nodes.set(org.id, node);
    const parent = org.parentId === null ? undefined : nodes.get(org.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Matches by part of the name or by the start of its pinyin initials (hpsq → 和平社区…). */
const filterNode = (input: string, node: unknown) => {
  const { title, initials } = node as TreeNode;
  const text = input.trim().toLowerCase();
  return title.includes(input.trim()) || initials.startsWith(text) || initials.includes(text);
};

/**
 * The 所在支部 step: each distinct value of the column, the organisation it was matched to (or none) and how,
 * and a searchable tree of the chosen organisation's subtree to pick the right one.
 */
export function ImportBranchesStep({
  answer,
  picks,
  onPick,
}: {
  answer: ImportBranches;
  picks: Record<string, number>;
  onPick: (value: string, orgId: number | undefined) => void;
}) {
  const tree = useMemo(() => treeOf(answer.orgs), [answer.orgs]);
  if (answer.column === null) return <Alert type="info" showIcon title={t.none} style={{ marginBottom: 16 }} />;
  const unresolved = answer.branches.filter((b) => picks[b.value] === undefined && b.orgId === null).length;
  return (
    <>
      <Typography.Paragraph>{t.intro(answer.column)}</Typography.Paragraph>
      {unresolved > 0 && (
        <Alert type="warning" showIcon title={t.unresolved(unresolved)} style={{ marginBottom: 16 }} />
      )}
      <Table<Branch>
        size="small"
        rowKey="value"
        pagination={answer.branches.length > 50 ? { pageSize: 50 } : false}
        dataSource={answer.branches}
        columns={[
          { title: t.value, dataIndex: 'value', width: 240 },
          { title: t.rows, dataIndex: 'rows', width: 80 },
          {
            title: t.org,
            key: 'org',
            render: (_, b) => (
              <TreeSelect<number>
                aria-label={`“${b.value}”对应的组织`}
                style={{ width: 360 }}
                value={picks[b.value] ?? b.orgId ?? undefined}
                placeholder={t.pick}
                treeData={tree}
                treeDefaultExpandAll
                showSearch={{ filterTreeNode: filterNode }}
                allowClear
                popupMatchSelectWidth={false}
                onChange={(value) => onPick(b.value, value ?? undefined)}
              />
            ),
          },
          {
            title: t.match,
            key: 'match',
            width: 160,
            render: (_, b) => {
              const match = picks[b.value] !== undefined ? 'chosen' : b.match;
              return <Tag color={MATCH_COLORS[match]}>{t.labels[match]}</Tag>;
            },
          },
        ]}
      />
      {answer.branchesTruncated && <Alert type="info" title={t.truncated} style={{ marginTop: 8 }} />}
      {answer.orgsTruncated && <Alert type="info" title={t.orgsTruncated} style={{ marginTop: 8 }} />}
    </>
  );
}
