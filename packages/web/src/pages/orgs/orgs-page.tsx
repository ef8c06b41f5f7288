import { Card, Col, Empty, Row, Spin, Tooltip, Tree } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { OrgDetail } from '../../api/types';
import { useCan, useMe } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { useOrgTree } from '../../components/org-tree/use-org-tree';
import { QueryError } from '../../components/query-error';
import { OrgDetailPanel } from './org-detail-panel';
import { type OrgFormMode, OrgFormModal } from './org-form-modal';
import { OrgMoveModal } from './org-move-modal';
import { OrgTreeTitle } from './org-tree-title';
import { orgsText as t } from './orgs.text';
import { useDeleteOrg } from './use-delete-org';

type Dialog = OrgFormMode | { kind: 'move'; org: OrgDetail } | null;

export function OrgsPage() {
  const { data: me } = useMe();
  const canWrite = useCan('org.write');
  const tree = useOrgTree({ title: (org) => <OrgTreeTitle org={org} /> });
  const [expandedKeys, setExpandedKeys] = useState<number[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = Number(searchParams.get('id')) || null;

  const select = (id: number | null) => setSearchParams(id === null ? {} : { id: String(id) }, { replace: true });
  const expand = async (id: number) => {
    await tree.loadChildren(id);
    setExpandedKeys((keys) => (keys.includes(id) ? keys : [...keys, id]));
  };
  const deleteOrg = useDeleteOrg((org) => {
    tree.forget(org.id);
    select(org.parentId);
  });

  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card
          title={t.treeTitle}
          styles={{ body: { overflowX: 'auto' } }}
          extra={
            <Tooltip title={t.exportRegistryHint}>
              <span>
                <ExportButton
                  label={t.exportRegistry}
                  path="/api/organizations/export"
                  query={{ orgId: selectedId ?? undefined }}
                />
              </span>
            </Tooltip>
          }
        >
          {tree.isPending ? (
            <Spin />
          ) : tree.error ? (
            <QueryError error={tree.error} />
          ) : tree.treeData.length === 0 ? (
            <Empty description={t.emptyTree} />
          ) : (
            <Tree
              blockNode
              showLine
              treeData={tree.treeData}
              loadData={(node) => tree.loadChildren(Number(node.key))}
              expandedKeys={expandedKeys}
              onExpand={(keys) => setExpandedKeys(keys.map(Number))}
              selectedKeys={selectedId === null ? [] : [selectedId]}
              onSelect={(keys) => {
                const [key] = keys;
                if (key !== undefined) select(Number(key));
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t.detailTitle}>
          {selectedId === null ? (
            <Empty description={t.selectHint} />
          ) : (
            <OrgDetailPanel
              id={selectedId}
              canWrite={canWrite}
              isScopeRoot={selectedId === me?.org.id}
              onSelect={select}
              onAction={(action, org) => {
                if (action === 'delete') deleteOrg(org);
                else if (action === 'create') setDialog({ kind: 'create', parent: org });
                else setDialog({ kind: action, org });
              }}
            />
          )}
        </Card>
      </Col>
      {dialog?.kind === 'move' ? (
        <OrgMoveModal
          org={dialog.org}
          onClose={() => setDialog(null)}
          onMoved={async (org) => {
            setDialog(null);
            if (org.parentId !== null) await expand(org.parentId);
            select(org.id);
          }}
        />
      ) : dialog ? (
        <OrgFormModal
          mode={dialog}
          onClose={() => setDialog(null)}
          onSaved={async (org) => {
            setDialog(null);
            if (dialog.kind === 'create') await expand(dialog.parent.id);
            select(org.id);
          }}
        />
      ) : null}
    </Row>
  );
}
