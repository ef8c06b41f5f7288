import { Breadcrumb } from 'antd';
import { Link } from 'react-router';
import { crumbsOf, type Place } from './nav-items';

/** Where the page is: 群组 / 页面 (/ 详情), from the same route table as the menu. */
export function Breadcrumbs({ place }: { place: Place }) {
  return (
    <Breadcrumb
      style={{ marginBottom: 16 }}
      items={crumbsOf(place).map((crumb) => ({
        title: crumb.path ? <Link to={crumb.path}>{crumb.label}</Link> : crumb.label,
      }))}
    />
  );
}
