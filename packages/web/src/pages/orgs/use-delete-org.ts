import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { errorMessage } from '../../api/errors';
import { deleteOrg, ORGS_KEY, orgDetailQuery } from '../../api/orgs';
import type { OrgDetail } from '../../api/types';
import { orgsText as t } from './orgs.text';

/** Asks, deletes, and reports the server's reason when it refuses (children or members left). */
export function useDeleteOrg(onDeleted: (org: OrgDetail) => void) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  return (org: OrgDetail) =>
    modal.confirm({
      title: t.remove.title(org.name),
      content: t.remove.content,
      okText: t.remove.ok,
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await deleteOrg(org.id);
        } catch (error) {
          message.error(errorMessage(error));
          return;
        }
        message.success(t.remove.removed);
        onDeleted(org);
        queryClient.removeQueries({ queryKey: orgDetailQuery(org.id).queryKey });
        await queryClient.invalidateQueries({ queryKey: ORGS_KEY });
      },
    });
}
