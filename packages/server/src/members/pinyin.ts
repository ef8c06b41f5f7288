import { pinyin } from 'pinyin-pro';

export type NameKeys = { namePinyin: string; nameInitials: string; sortKey: string };

/**
 * Search and sort keys of a name. Surname mode reads 单/曾/解 as family names (shan, zeng, xie); ü is
 * written v as people type it. The sort key separates syllables so that 张 (zhang) sorts before 张三 and
 * ends with the name itself to keep homophones apart in a stable order.
 */
export function nameKeys(name: string): NameKeys {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return {
    namePinyin: syllables.join(''),
    nameInitials: syllables.map((s) => s[0]).join(''),
    sortKey: `${syllables.join(' ')} ${name}`,
  };
}
