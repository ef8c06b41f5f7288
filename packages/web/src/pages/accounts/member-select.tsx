import { Select } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { accountsText as t } from './accounts.text';

type Props = {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  /** The member linked now, shown before any search. */
  initial?: { id: number; name: string } | null;
};

/** Picks a member profile in scope by name, pinyin initials or ID number (the member search API). */
export function MemberSelect({ value, onChange, id, initial }: Props) {
  const [options, setOptions] = useState<{ value: number; label: string }[]>(
    initial ? [{ value: initial.id, label: initial.name }] : [],
  );
  const search = async (q: string) => {
    if (!q.trim()) return;
    const found = await unwrap(api.GET('/api/members', { params: { query: { q: q.trim(), pageSize: 20 } } })).catch(
      () => null,
    );
    setOptions(found?.items.map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` })) ?? []);
  };
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: (q) => void search(q) }}
      placeholder={t.member.placeholder}
      notFoundContent={t.member.notFound}
      options={options}
    />
  );
}
