import { AuditOutlined, SendOutlined } from '@ant-design/icons';
import type { WebModule } from '../../modules/module';
import { ConsultationPage } from './consultation-page';
import { ConsultationsPage } from './consultations-page';
import { ct } from './consultations.text';

/** 事前征求意见: the community's list and answers; the liaison's own unit's requests and outcomes. */
export const consultationsModule: WebModule = {
  name: 'consultations',
  pages: [
    {
      path: 'consultations',
      element: <ConsultationsPage />,
      permission: ['cobuild.read'],
      menu: { group: 'co-building', label: ct.menu.list, icon: <AuditOutlined /> },
    },
    {
      path: 'consultations/unit',
      element: <ConsultationsPage unitView />,
      permission: ['cobuild.unit'],
      menu: { group: 'co-building', label: ct.menu.unit, icon: <SendOutlined /> },
    },
    {
      path: 'consultations/unit/:id',
      element: <ConsultationPage />,
      permission: ['cobuild.unit'],
      title: ct.detail.title,
    },
    { path: 'consultations/:id', element: <ConsultationPage />, permission: ['cobuild.read'], title: ct.detail.title },
  ],
};
