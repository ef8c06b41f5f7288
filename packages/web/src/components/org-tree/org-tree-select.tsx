import { ORG_TYPE_LABELS } from '@gongjian/shared';
import { TreeSelect } from 'antd';
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

const orgTitle = (org: OrgNode) => `${org.name}（${ORG_TYPE_LABELS[org.type]}）`;

/** Picks an organisation within the account's scope; levels load as they are opened. */
export function OrgTreeSelect({ value, onChange, placeholder, disabled, closed, id }: Props) {
  const { treeData, orgById, loadChildren, isPending } = useOrgTree({ title: orgTitle, disabled, closed });
  return (
    <TreeSelect<number>
      id={id}
      value={value}
      placeholder={placeholder}
      treeData={treeData}
      loading={isPending}
      loadData={(node) => loadChildren(Number(node.value))}
      onChange={(selected) => onChange?.(selected, orgById.get(selected))}
      showSearch={false}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
