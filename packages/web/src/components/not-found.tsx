import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

const text = { title: '404', subTitle: '页面不存在', back: '返回首页' };

export function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
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
