import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../lib/download';

/** 导出 .xlsx: every list has one; the server records each export in the audit log. */
export function ExportButton({ url, label = '导出Excel' }: { url: string; label?: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(url);
        } catch (error) {
          message.error(error instanceof Error ? error.message : '导出失败');
        } finally {
          setBusy(false);
        }
      }}
    >
      {label}
    </Button>
  );
}
