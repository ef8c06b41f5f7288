const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;

/**
 * Full-width ASCII (０–９, Ａ–Ｚ, －, …: U+FF01–U+FF5E) and the ideographic space as their half-width forms.
 * For codes, numbers and dates: a Chinese input method in full-width mode types them, and rosters keep them.
 * Not for names or addresses, where full-width brackets and commas are the correct Chinese punctuation.
 */
export function toHalfWidth(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replaceAll('\u3000', ' ');
}
