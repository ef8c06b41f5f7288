/** 我的党费's text (kept beside the page: mobile.text.ts is shared by every phone module). */
export const myDuesText = {
  title: '我的党费',
  tile: '我的党费',
  paidTo: '党费交至',
  monthly: '每月应交',
  behind: '欠缴',
  upToDate: '已按期交纳',
  behindMonths: (n: number) => `欠缴${n}个月，请向支部补交`,
  noRecord: '暂无缴费记录',
  notSet: '支部尚未核定',
  payments: '缴费记录',
  yuan: (y: string) => `${y}元`,
  months: (from: string, to: string, n: number) => (from === to ? from : `${from}～${to}（${n}个月）`),
  offline: '党费由支部登记收缴，暂不支持在线缴纳。',
  staff: '此账号未关联党员档案。',
};
