import type { AuditLogEntry } from '../../api/types';
import { isRecord } from '../../lib/is-record';
import { auditText as t } from './audit.text';

export function actionLabel(action: string): string {
  const known = t.actions[action];
  if (known) return known;
  const [entity, verb] = action.split('.');
  const verbLabel = verb ? t.verbs[verb] : undefined;
  return verbLabel && entity ? `${verbLabel}${entityLabel(entity)}` : action;
}

export function entityLabel(entity: string): string {
  return t.entities[entity] ?? entity;
}

/** `党组织 #4 和平社区党委`: the name is read from the recorded row, after the change if there is one. */
export function targetLabel(log: AuditLogEntry): string {
  const id = log.entityId ? ` #${log.entityId}` : '';
  const row = isRecord(log.after) ? log.after : isRecord(log.before) ? log.before : undefined;
  const name = row?.name ?? row?.username;
  return `${entityLabel(log.entity)}${id}${typeof name === 'string' ? ` ${name}` : ''}`;
}
