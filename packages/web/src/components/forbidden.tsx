import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

const text = { title: '403', subTitle: '您没有访问此页面的权限', back: '返回首页' };

export function Forbidden() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={text.title}
      subTitle={text.subTitle}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {text.back}
        </Button>
      }
    />
  );
}
