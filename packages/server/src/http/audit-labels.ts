/** The audit trail's labels, collected from the modules' declarations (modules.ts). */
export type AuditLabels = {
  readonly actions: Readonly<Record<string, string>>;
  readonly entities: Readonly<Record<string, string>>;
};

/** Changes recorded without a named action carry `entity.insert|update|delete`. */
const VERB_LABELS: Readonly<Record<string, string>> = {
  insert: '新增',
  create: '新建',
  update: '修改',
  delete: '删除',
};

export function auditEntityLabel(labels: AuditLabels, entity: string): string {
  return labels.entities[entity] ?? entity;
}

/** `修改党组织` for `organization.update`; a named action by its own label; an unknown one as it is. */
export function auditActionLabel(labels: AuditLabels, action: string): string {
  const known = labels.actions[action];
  if (known) return known;
  const [entity, verb] = action.split('.');
  const verbLabel = verb ? VERB_LABELS[verb] : undefined;
  return verbLabel && entity ? `${verbLabel}${auditEntityLabel(labels, entity)}` : action;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/** `党组织 #4 和平社区党委`: the name is read from the recorded row, after the change if there is one. */
export function auditTargetLabel(
  labels: AuditLabels,
  entry: { entity: string; entityId: string | null; before: unknown; after: unknown },
): string {
  const id = entry.entityId ? ` #${entry.entityId}` : '';
  const row = asRecord(entry.after) ?? asRecord(entry.before);
  const name = row?.name ?? row?.username;
  return `${auditEntityLabel(labels, entry.entity)}${id}${typeof name === 'string' ? ` ${name}` : ''}`;
}

/** Merges the modules' labels; two modules naming one action or entity differently is a programming error. */
export function collectAuditLabels(
  modules: readonly {
    name: string;
    auditActions?: Readonly<Record<string, string>>;
    auditEntities?: Readonly<Record<string, string>>;
  }[],
): AuditLabels {
  const actions: Record<string, string> = {};
  const entities: Record<string, string> = {};
  const owner = new Map<string, string>();
  for (const m of modules) {
    for (const [kind, from, into] of [
      ['action', m.auditActions, actions],
      ['entity', m.auditEntities, entities],
    ] as const) {
      for (const [key, label] of Object.entries(from ?? {})) {
        const first = owner.get(`${kind}:${key}`);
        if (first) throw new Error(`audit ${kind} ${key} is declared by both ${first} and ${m.name}`);
        owner.set(`${kind}:${key}`, m.name);
        into[key] = label;
      }
    }
  }
  return { actions, entities };
}
