import { addDays, REQUEST_CATEGORY_LABELS, REQUEST_KIND_LABELS } from '@gongjian/shared';
import type { DueSource } from '../http/due.js';
import { defineModule } from '../module.js';
import { requestsDemo } from './requests.demo.js';
import { registerRequests } from './requests.routes.js';
import { newRequestsDue } from './requests.service.js';
import { unconfirmedDue } from './residents.service.js';

const newSource: DueSource = {
  name: 'requests.new',
  label: '群众诉求待受理',
  permission: ['serve.write'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await newRequestsDue(db, actor, today, query);
    return {
      ...counts,
      items: rows.map((r) => ({
        key: `requests.new:${r.id}`,
        title: `${REQUEST_KIND_LABELS[r.kind]}（${REQUEST_CATEGORY_LABELS[r.category]}）待受理${r.unconfirmed ? '，居住未确认' : ''}：${r.text.slice(0, 20)}`,
        orgName: r.org_name,
        dueOn: r.due_on,
        overdue: r.due_on < today,
        link: `/requests/${r.id}`,
      })),
    };
  },
};

/** Days a community has to confirm a registered resident before the workbench shows it overdue. */
const CONFIRM_WITHIN_DAYS = 3;

const unconfirmedSource: DueSource = {
  name: 'requests.unconfirmed',
  label: '居民待确认居住信息',
  permission: ['serve.write'],
  async read(db, actor, today, query) {
    const { rows, ...counts } = await unconfirmedDue(db, actor, today, query);
    return {
      ...counts,
      items: rows.map((r) => {
        const dueOn = addDays(r.created_on, CONFIRM_WITHIN_DAYS);
        return {
          key: `requests.unconfirmed:${r.id}`,
          title: `居民${r.name}注册，待确认居住信息`,
          orgName: r.org_name,
          dueOn,
          overdue: dueOn < today,
          link: '/residents',
        };
      }),
    };
  },
};

/** Serving residents (服务群众): residents, requests and micro-wishes from order to rating. */
export const requestsModule = defineModule({
  name: 'requests',
  routes: registerRequests,
  fieldLabels: {
    name: '姓名',
    phone: '手机号',
    password: '密码',
    communityId: '所在社区',
    buildingId: '楼栋',
    addressDetail: '门牌号',
    orgId: '所在社区',
    kind: '类型',
    category: '类别',
    text: '内容',
    contactPref: '联系方式',
    residentId: '居民',
    intoId: '合并到',
    reason: '理由',
    assigneeType: '派单对象',
    memberId: '党员',
    teamId: '服务队',
    unitId: '驻区单位',
    note: '说明',
    rating: '评价',
    comment: '评价意见',
    file: '照片',
    unconfirmed: '仅待确认',
    overdue: '仅超时',
    tag: '特长',
    status: '状态',
  },
  auditActions: {
    'resident.register': '居民注册',
    'resident.register_refused': '居民注册被拒（手机号已注册）',
    'resident.create': '登记居民',
    'resident.confirm': '确认居民居住信息',
    'resident.reveal': '查看居民完整电话',
    'request.submit': '居民提交诉求',
    'request.create': '代居民登记诉求',
    'request.accept': '受理诉求',
    'request.decline': '不予受理诉求',
    'request.merge': '合并重复诉求',
    'request.dispatch': '派单',
    'request.open': '发布微心愿认领',
    'request.claim': '认领微心愿',
    'request.progress': '记录诉求办理进展',
    'request.done': '办结诉求',
    'request.close': '关闭诉求',
    'request.rate': '评价诉求',
    'request.photo_add': '添加诉求照片',
    'request.export': '导出诉求',
  },
  auditEntities: {
    resident: '居民',
    service_request: '群众诉求',
    service_request_event: '诉求进展',
    service_request_photo: '诉求照片',
  },
  dueSources: [newSource, unconfirmedSource],
  demo: requestsDemo,
});
