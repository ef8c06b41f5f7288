// The 所在支部 column as offices write it: community rosters name a branch without the community ("第一党支部" for
// "和平社区第一党支部") and add remarks in brackets ("第三党支部（楼院）"). Pure: import.service.ts loads the
// organisations (the chosen one's subtree and its ancestors) and asks here.

/** An organisation as the matcher needs it; `parentId` links it to the others given (ancestors come first). */
export type NamedOrg = { id: number; parentId: number | null; name: string };

export type BranchMatch =
  { kind: 'exact' | 'short'; org: NamedOrg } | { kind: 'ambiguous'; candidates: NamedOrg[] } | { kind: 'none' };

/** Spaces and the characters the header normaliser drops too: the exact match, as the import always had it. */
const exactKey = (text: string) => text.replace(/[\s*：:（）()【】[\]]/g, '');

/** Bracketed remarks, full- or half-width (nested ones are removed from the inside out), and spaces. */
export function withoutRemarks(text: string): string {
  let out = text;
  for (let before = ''; before !== out;) {
    before = out;
    out = out.replace(/[（(][^（）()]*[）)]|【[^【】]*】|\[[^[\]]*\]/g, '');
  }
  return out.replace(/\s+/g, '');
}

/**
 * What a committee's name ends with to say its kind: removed to leave the place it is named after ("和平社区大党委"
 * → "和平社区"). Branches and groups are named after their committee plus a number, so theirs stays whole.
 */
const COMMITTEE_SUFFIXES = ['党委员会', '委员会', '大党委', '党工委', '党委', '党总支部', '党总支', '总支部'];

/** The place a committee is named after (without 中共 and its kind), or null when the name ends otherwise. */
export function placeOf(name: string): string | null {
  const stem = withoutRemarks(name).replace(/^中共/, '');
  const suffix = COMMITTEE_SUFFIXES.find((s) => stem.endsWith(s));
  return suffix && stem.length - suffix.length >= 2 ? stem.slice(0, -suffix.length) : null;
}

/**
 * The names an organisation may be written by: its name without remarks and 中共, and that name with any leading
 * run of its ancestors' names removed — the ancestors' own names, the short names they may be written by, and
 * the places committees are named after ("和平社区" of "和平社区大党委"). A key keeps at least two characters.
 */
function shortKeys(name: string, prefixes: ReadonlySet<string>): Set<string> {
  const start = withoutRemarks(name).replace(/^中共/, '');
  const keys = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const key = queue.pop() as string;
    for (const prefix of prefixes) {
      if (prefix.length === 0 || !key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      if (rest.length < 2 || keys.has(rest)) continue;
      keys.add(rest);
      queue.push(rest);
    }
  }
  return keys;
}

/**
 * Resolves 所在支部 values among the organisations of a subtree (`inSubtree`), knowing every organisation's
 * ancestors from `orgs` (the subtree and the chosen organisation's ancestors, parents before children). First by
 * exact name; then by the unique organisation one of whose short names is the value without its remarks. Two or
 * more of either kind: ambiguous, never a guess.
 */
export class BranchMatcher {
  readonly #byExact = new Map<string, NamedOrg[]>();
  readonly #byShort = new Map<string, NamedOrg[]>();
  readonly #cache = new Map<string, BranchMatch>();

  constructor(orgs: readonly NamedOrg[], inSubtree: (org: NamedOrg) => boolean) {
    const keysById = new Map<number, Set<string>>();
    /** The prefixes an organisation's children may drop: its ancestors' and its own names, short names and places. */
    const prefixesById = new Map<number, Set<string>>();
    for (const org of orgs) {
      const inherited = (org.parentId !== null && prefixesById.get(org.parentId)) || new Set<string>();
      const keys = shortKeys(org.name, inherited);
      keysById.set(org.id, keys);
      const prefixes = new Set([...inherited, ...keys]);
      const place = placeOf(org.name);
      if (place) prefixes.add(place);
      prefixesById.set(org.id, prefixes);
      if (!inSubtree(org)) continue;
      push(this.#byExact, exactKey(org.name), org);
      for (const key of keys) push(this.#byShort, key, org);
    }
  }

  match(value: string): BranchMatch {
    const cached = this.#cache.get(value);
    if (cached) return cached;
    const answer = this.#match(value);
    if (this.#cache.size < 10_000) this.#cache.set(value, answer);
    return answer;
  }

  #match(value: string): BranchMatch {
    const exact = this.#byExact.get(exactKey(value));
    if (exact) return exact.length === 1 ? { kind: 'exact', org: exact[0] as NamedOrg } : ambiguous(exact);
    const key = withoutRemarks(value).replace(/^中共/, '');
    const short = this.#byShort.get(key);
    if (!short) return { kind: 'none' };
    return short.length === 1 ? { kind: 'short', org: short[0] as NamedOrg } : ambiguous(short);
  }
}

function push(map: Map<string, NamedOrg[]>, key: string, org: NamedOrg) {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [org]);
  else if (!list.includes(org)) list.push(org);
}

const ambiguous = (candidates: NamedOrg[]): BranchMatch => ({ kind: 'ambiguous', candidates });
