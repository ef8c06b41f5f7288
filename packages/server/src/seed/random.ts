import { idNumberCheckChar, type MemberCategory } from '@gongjian/shared';

/** A small seeded generator (mulberry32): the same seed gives the same city every time. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, int, pick };
}
export type Random = ReturnType<typeof createRandom>;

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅文海燕春晓东亮林斌宇浩凯丹鹏辉宁欣怡子涵思远晨阳雪梅德山永福淑珍立新',
];
// Plausible area codes of a fictional city's districts (format only).
const AREAS = ['620302', '620321', '620102', '620103', '620104', '620105'];

export function randomName(r: Random): string {
  const given = r.next() < 0.6 ? r.pick(GIVEN) + r.pick(GIVEN) : r.pick(GIVEN);
  return r.pick(SURNAMES) + given;
}

/** A valid 18-digit ID number (GB 11643 check character) for someone born between the given years. */
export function randomIdNumber(r: Random, gender: 'male' | 'female', fromYear = 1940, toYear = 2004): string {
  const y = r.int(fromYear, toYear);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  const seq = r.int(0, 49) * 2 + (gender === 'male' ? 1 : 0);
  const first17 =
    r.pick(AREAS) +
    String(y) +
    String(m).padStart(2, '0') +
    String(d).padStart(2, '0') +
    String(r.int(0, 9)) +
    String(seq).padStart(2, '0');
  return first17 + idNumberCheckChar(first17);
}

export function randomPhone(r: Random): string {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
}

/** Realistic proportions of member categories in an urban community. */
export function randomCategory(r: Random): MemberCategory {
  const x = r.next();
  if (x < 0.4) return 'retired';
  if (x < 0.7) return 'in_service';
  if (x < 0.85) return 'resident';
  if (x < 0.93) return 'floating';
  if (x < 0.99) return 'unemployed';
  return 'retired_cadre';
}
