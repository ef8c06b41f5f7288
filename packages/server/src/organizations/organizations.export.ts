import {
  ORG_MANAGEMENT_MODE_LABELS,
  ORG_SECTOR_LABELS,
  ORG_TYPE_LABELS,
  type OrgManagementMode,
  type OrgSector,
  type OrgType,
  termEndsOn,
} from '@gongjian/shared';
import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.js';
import type { Actor } from '../http/actor.js';
import { notFound } from '../http/errors.js';
import type { SheetColumn } from '../http/xlsx.js';
import { findOrg } from './organizations.repo.js';

export type RegistryRow = {
  name: string;
  depth: number;
  type: OrgType;
  sector: OrgSector;
  parent_name: string | null;
  code: string | null;
  founded_on: string | null;
  address: string | null;
  unit_name: string | null;
  management_mode: OrgManagementMode;
  term_started_on: string | null;
  full_members: number;
  probationary_members: number;
  secretary: string | null;
};

/**
 * The organisations of a subtree as a register (党组织名册), parents before their children (path order), with
 * their current secretary and member counts from the rollups: one statement, no per-organisation query.
 */
export async function orgRegistry(db: Queryable, actor: Actor, orgId: number | undefined) {
  const root = orgId === undefined ? { path: actor.scopePath } : await findOrg(db, actor, orgId);
  if (!root) throw notFound('组织');
  const rows = await queryRows<RegistryRow>(
    db,
    sql`select o.name, nlevel(o.path) - nlevel(${root.path}::ltree) as depth, o.type, o.sector, p.name as parent_name,
          o.code, o.founded_on::text as founded_on, o.address, o.unit_name, o.management_mode,
          o.term_started_on::text as term_started_on, o.full_members, o.probationary_members,
          (select string_agg(t.person_name, '、' order by t.started_on, t.id) from team_posts t
            where t.org_id = o.id and t.position = 'secretary' and t.ended_on is null) as secretary
        from organizations o left join organizations p on p.id = o.parent_id
        where o.path <@ ${root.path}::ltree
        order by o.path`,
  );
  return { rootPath: root.path, rows };
}

export const REGISTRY_COLUMNS: SheetColumn<RegistryRow>[] = [
  // The level shows as indentation, so the sheet reads as the tree does.
  { header: '党组织名称', width: 40, value: (r) => `${'　'.repeat(r.depth)}${r.name}` },
  { header: '组织类型', width: 14, value: (r) => ORG_TYPE_LABELS[r.type] },
  { header: '组织类别', width: 12, value: (r) => ORG_SECTOR_LABELS[r.sector] },
  { header: '上级党组织', width: 28, value: (r) => r.parent_name },
  { header: '组织编码', width: 16, value: (r) => r.code },
  { header: '成立日期', width: 12, value: (r) => r.founded_on },
  { header: '书记', width: 12, value: (r) => r.secretary },
  { header: '党员（含下级）', width: 10, value: (r) => r.full_members + r.probationary_members },
  { header: '正式党员', width: 10, value: (r) => r.full_members },
  { header: '预备党员', width: 10, value: (r) => r.probationary_members },
  { header: '本届开始', width: 12, value: (r) => r.term_started_on },
  {
    header: '本届届满',
    width: 12,
    value: (r) => (r.term_started_on ? termEndsOn(r.type, r.term_started_on) : null),
  },
  { header: '管理方式', width: 10, value: (r) => ORG_MANAGEMENT_MODE_LABELS[r.management_mode] },
  { header: '所在单位', width: 24, value: (r) => r.unit_name },
  { header: '地址', width: 30, value: (r) => r.address },
];
