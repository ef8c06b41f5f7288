import { Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { MenuGroupKey } from '../modules/menu-groups';
import type { NavGroup } from './nav-items';

type Props = {
  groups: readonly NavGroup[];
  /** The menu page of the current URL, and its group. */
  selected: string | undefined;
  group: MenuGroupKey | undefined;
};

/**
 * The side menu: a group per domain. A group of one page shows as that page (no submenu to open for a single
 * entry), so the rule reads the same for every account. The selected page and the open group follow the URL;
 * groups opened by hand stay open until the URL moves to another group.
 */
export function AppMenu({ groups, selected, group }: Props) {
  const navigate = useNavigate();
  const [opened, setOpened] = useState<{ for: MenuGroupKey | undefined; keys: string[] }>(() => ({
    for: group,
    keys: group ? [group] : [],
  }));
  const openKeys = opened.for === group ? opened.keys : group ? [group] : [];

  const items: MenuProps['items'] = groups.map((g) => {
    const [only] = g.items;
    if (only && g.items.length === 1) return { key: only.path, icon: only.icon, label: only.label };
    return {
      key: g.key,
      icon: g.icon,
      label: g.label,
      children: g.items.map((item) => ({ key: item.path, label: item.label })),
    };
  });

  return (
    <Menu
      mode="inline"
      style={{ height: '100%', borderInlineEnd: 0 }}
      items={items}
      selectedKeys={selected ? [selected] : []}
      openKeys={openKeys}
      onOpenChange={(keys) => setOpened({ for: group, keys })}
      onClick={({ key }) => navigate(key)}
    />
  );
}
