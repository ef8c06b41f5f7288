import Button from 'antd-mobile/es/components/button';
import DotLoading from 'antd-mobile/es/components/dot-loading';
import { errorMessage } from '../../api/errors';
import { mobileText as t } from '../mobile.text';

export function Loading() {
  return (
    <div className="m-card m-muted" role="status">
      {t.loading}
      <DotLoading />
    </div>
  );
}

/** A read that failed: the server's message, and a way to try again. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="m-card" role="alert">
      <p className="m-error">
        {t.loadFailed}：{errorMessage(error)}
      </p>
      {retry && (
        <Button color="primary" fill="outline" block onClick={retry}>
          {t.retry}
        </Button>
      )}
    </div>
  );
}
