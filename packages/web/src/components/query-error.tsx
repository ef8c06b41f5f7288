import { Alert } from 'antd';
import { errorMessage } from '../api/errors';

export function QueryError({ error }: { error: unknown }) {
  return <Alert type="error" showIcon title={errorMessage(error)} />;
}
