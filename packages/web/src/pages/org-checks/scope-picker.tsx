import { Button, Flex } from 'antd';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';

/** Picks the organisation whose subtree a view covers; empty means the account's whole scope. */
export function ScopePicker({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (id: number | undefined) => void;
}) {
  return (
    <Flex gap="small" align="center" style={{ width: 420 }}>
      <OrgTreeSelect value={value} onChange={(id) => onChange(id)} placeholder="本账号所属组织及全部下级" />
      {value !== undefined && <Button onClick={() => onChange(undefined)}>全部</Button>}
    </Flex>
  );
}
