import { ORG_TYPE_LABELS } from '@gongjian/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TreeSelect, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { orgChildrenQuery, orgSearchQuery } from '../../api/orgs';
import type { components } from '../../api/schema';
import type { OrgNode } from '../../api/types';
import { type OrgTreeOptions, useOrgTree } from './use-org-tree';

type Props = {
  value?: number;
  onChange?: (value: number, org: OrgNode | undefined) => void;
  placeholder?: string;
  disabled?: OrgTreeOptions['disabled'];
  closed?: OrgTreeOptions['closed'];
  id?: string;
};

type Found = components['schemas']['OrgSearchList']['items'][number];

const orgTitle = (org: OrgNode) => `${org.name}（${ORG_TYPE_LABELS[org.type]}）`;

/** What the search typed, once the typing pauses: one request per pause, not per key. */
function useSettled(text: string, ms = 250) {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return settled;
}

/**
 * Picks an organisation within the account's scope: the tree, its levels loaded as they are opened, or typed part
 * of a name or its pinyin initials (jsq → 甲社区党委), found on the server across the whole scope. A found
 * organisation is shown with its ancestors; picking it opens the tree down to it.
 */
export function OrgTreeSelect({ value, onChange, placeholder, disabled, closed, id }: Props) {
  const queryClient = useQueryClient();
  const { treeData, orgById, loadChildren, isPending } = useOrgTree({ title: orgTitle, disabled, closed });
  const [search, setSearch] = useState('');
  const settled = useSettled(search.trim());
  const found = useQuery(orgSearchQuery(search.trim() ? settled : ''));
  const searching = search.trim().length > 0;

  // The callbacks read an organisation's id, type and parent; a found one carries those and its ancestors.
  const asNode = (o: Found) =>
    ({ id: o.id, name: o.name, type: o.type, parentId: o.ancestors.at(-1)?.id ?? null }) as OrgNode;
  // Under an organisation never to be opened (the one being moved): not offered either.
  const unfit = (o: Found) =>
    Boolean(disabled?.(asNode(o))) || o.ancestors.some((a) => closed?.({ id: a.id, name: a.name } as OrgNode));
  const foundData = (found.data?.items ?? []).map((o) => ({
    key: o.id,
    value: o.id,
    isLeaf: true,
    disabled: unfit(o),
    title: (
      <span>
        {orgTitle(asNode(o))}
        {o.ancestors.length > 0 && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {o.ancestors.map((a) => a.name).join(' / ')}
          </Typography.Text>
        )}
      </span>
    ),
  }));

  const pick = async (selected: number) => {
    const hit = searching ? found.data?.items.find((o) => o.id === selected) : undefined;
    setSearch('');
    if (!hit) {
      onChange?.(selected, orgById.get(selected));
      return;
    }
    // Open the tree down to it, so that it shows by name once the search is cleared.
    for (const a of hit.ancestors) await loadChildren(a.id);
    const parentId = hit.ancestors.at(-1)?.id ?? null;
    const level = queryClient.getQueryData(orgChildrenQuery(parentId).queryKey);
    onChange?.(selected, level?.items.find((o) => o.id === selected) ?? orgById.get(selected));
  };

  return (
    <TreeSelect<number>
      id={id}
      value={value}
      placeholder={placeholder}
      treeData={searching ? foundData : treeData}
      loading={isPending || (searching && found.isFetching)}
      loadData={(node) => (searching ? Promise.resolve() : loadChildren(Number(node.value)))}
      onChange={(selected) => void pick(selected)}
      showSearch
      searchValue={search}
      onSearch={setSearch}
      filterTreeNode={false}
      autoClearSearchValue
      notFoundContent={
        searching ? (found.isFetching || settled !== search.trim() ? '查找中…' : '没有匹配的组织') : undefined
      }
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
