import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useState } from 'react';
import { orgChildrenQuery } from '../../api/orgs';
import type { OrgNode } from '../../api/types';

export type OrgTreeNode = {
  key: number;
  value: number;
  title: ReactNode;
  isLeaf: boolean;
  disabled?: boolean;
  children?: OrgTreeNode[];
  org: OrgNode;
};

export type OrgTreeOptions = {
  title: (org: OrgNode) => ReactNode;
  /** Shown but not selectable (e.g. a parent that cannot hold the moved organisation). */
  disabled?: (org: OrgNode) => boolean;
  /** Never expanded (e.g. the moved organisation's own subtree). */
  closed?: (org: OrgNode) => boolean;
};

/**
 * A lazily loaded organisation tree for antd Tree and TreeSelect. Each loaded level is its own query, so
 * invalidating the organisations key refreshes every level already open without losing the expansion.
 */
export function useOrgTree({ title, disabled, closed }: OrgTreeOptions) {
  const queryClient = useQueryClient();
  const [loadedIds, setLoadedIds] = useState<number[]>([]);
  const roots = useQuery(orgChildrenQuery(null));
  const levels = useQueries({ queries: loadedIds.map((id) => orgChildrenQuery(id)) });

  const childrenByParent = new Map<number, OrgNode[]>();
  loadedIds.forEach((id, index) => {
    const items = levels[index]?.data?.items;
    if (items) childrenByParent.set(id, items);
  });

  // Rebuilt on each render: a few hundred nodes at most, and it always reflects the freshest levels.
  const orgById = new Map<number, OrgNode>();
  const build = (org: OrgNode): OrgTreeNode => {
    orgById.set(org.id, org);
    const isClosed = closed?.(org) ?? false;
    const children = isClosed ? undefined : childrenByParent.get(org.id);
    return {
      key: org.id,
      value: org.id,
      title: title(org),
      isLeaf: isClosed || org.childCount === 0,
      disabled: disabled?.(org),
      children: children?.map(build),
      org,
    };
  };
  const treeData = roots.data?.items.map(build) ?? [];

  const loadChildren = useCallback(
    async (id: number) => {
      await queryClient.ensureQueryData(orgChildrenQuery(id));
      setLoadedIds((ids) => (ids.includes(id) ? ids : [...ids, id]));
    },
    [queryClient],
  );

  /** Drops a deleted organisation so its level is not fetched again. */
  const forget = useCallback(
    (id: number) => {
      setLoadedIds((ids) => ids.filter((other) => other !== id));
      queryClient.removeQueries({ queryKey: orgChildrenQuery(id).queryKey });
    },
    [queryClient],
  );

  return { treeData, orgById, loadChildren, forget, isPending: roots.isPending, error: roots.error };
}
