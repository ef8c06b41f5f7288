import { canContain } from '@gongjian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal } from 'antd';
import { ORGS_KEY, updateOrg } from '../../api/orgs';
import type { OrgDetail, OrgNode } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree/org-tree-select';
import { orgsText as t } from './orgs.text';
import { useFormError } from '../../lib/use-form-error';

type Props = { org: OrgDetail; onClose: () => void; onMoved: (org: OrgDetail) => void };

export function OrgMoveModal({ org, onClose, onMoved }: Props) {
  const [form] = Form.useForm<{ parentId: number }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useFormError(form);
  const mutation = useMutation({
    mutationFn: (parentId: number) => updateOrg(org.id, { parentId }),
    onSuccess: async (moved) => {
      message.success(t.move.moved);
      await queryClient.invalidateQueries({ queryKey: ORGS_KEY });
      onMoved(moved);
    },
    onError: showError,
  });

  const unfit = (candidate: OrgNode) =>
    candidate.id === org.id || candidate.id === org.parentId || !canContain(candidate.type, org.type);

  return (
    <Modal
      open
      title={t.move.title(org.name)}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={({ parentId }) => mutation.mutate(parentId)}>
        <Form.Item
          label={t.move.parent}
          name="parentId"
          rules={[{ required: true, message: t.move.parentRequired }]}
          extra={t.move.hint}
        >
          {/* An organisation cannot move under itself, so its own subtree stays closed. */}
          <OrgTreeSelect disabled={unfit} closed={(candidate) => candidate.id === org.id} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
