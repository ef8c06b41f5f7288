import { UNIT_KIND_LABELS, UNIT_RELATION_LABELS } from '@gongjian/shared';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Tag } from 'antd';
import { myUnitsQuery, type Unit } from '../../api/units';
import { QueryError } from '../../components/query-error';
import { UNIT_SECTIONS } from './unit-sections';
import { unitsText } from './units.text';

const t = unitsText;

function UnitCard({ unit }: { unit: Unit }) {
  return (
    <Card
      title={
        <Flex gap="small" align="center">
          {unit.name}
          {unit.endedOn && <Tag>{t.registry.column.ended}</Tag>}
        </Flex>
      }
      data-testid="my-unit"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'kind', label: t.registry.column.kind, children: UNIT_KIND_LABELS[unit.kind] },
          { key: 'relation', label: t.registry.column.relation, children: UNIT_RELATION_LABELS[unit.relation] },
          { key: 'org', label: t.registry.column.org, children: unit.org.name },
          { key: 'partyOrg', label: t.registry.column.partyOrg, children: unit.partyOrg?.name ?? '—' },
          { key: 'uscc', label: t.registry.column.uscc, children: unit.uscc ?? '—' },
          {
            key: 'people',
            label: `${t.registry.column.headcount}/${t.registry.column.partyMembers}`,
            children: `${unit.headcount ?? '—'} / ${unit.partyMembers ?? '—'}`,
          },
          { key: 'address', label: t.form.address, children: unit.address ?? '—' },
          {
            key: 'contact',
            label: t.registry.column.contact,
            children: [unit.contactName, unit.contactPhone].filter(Boolean).join(' ') || '—',
          },
        ]}
      />
    </Card>
  );
}

/** 本单位共建: the liaison's unit, then the sections other modules register (unit-sections.ts). */
export function MyUnitPage() {
  const mine = useQuery(myUnitsQuery);
  if (mine.error) return <QueryError error={mine.error} />;
  const units = mine.data?.items ?? [];
  return (
    <Flex vertical gap="middle">
      {mine.data && units.length === 0 && <Alert type="info" showIcon title={t.mine.none} />}
      {units.map((unit) => (
        <Flex key={unit.id} vertical gap="middle">
          <UnitCard unit={unit} />
          {UNIT_SECTIONS.map(({ key, title, component: Section }) => (
            <Card key={key} title={title}>
              <Section unit={unit} />
            </Card>
          ))}
        </Flex>
      ))}
    </Flex>
  );
}
