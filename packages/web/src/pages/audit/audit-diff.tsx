import { Col, Row, Typography, theme } from 'antd';
import { isRecord } from '../../lib/is-record';
import { auditText as t } from './audit.text';

const SIDES = ['before', 'after'] as const;
type Side = (typeof SIDES)[number];

const show = (value: unknown) => JSON.stringify(value, null, 2) ?? 'undefined';

/** How the page names an entry's columns and values: the server's labels and the page's names of ids. */
export type DiffLabels = {
  fields: Record<string, string>;
  values: Record<string, Record<string, string>>;
  orgIdFields: readonly string[];
  memberIdFields: readonly string[];
  names: { org: Record<string, string>; member: Record<string, string> };
};

/** A value as a reader knows it: an enum by its label, an id by the name when the reader may see it. */
function display(key: string, value: unknown, labels: DiffLabels | undefined): string {
  if (labels && (typeof value === 'string' || typeof value === 'number')) {
    const text = String(value);
    const label = labels.values[key]?.[text];
    if (label) return label;
    const name = labels.orgIdFields.includes(key)
      ? labels.names.org[text]
      : labels.memberIdFields.includes(key)
        ? labels.names.member[text]
        : undefined;
    if (name) return `${name}（#${text}）`;
  }
  if (typeof value === 'boolean') return value ? t.diff.yes : t.diff.no;
  if (value === null) return t.diff.blank;
  return typeof value === 'string' ? value : show(value);
}

/** Before and after side by side; the keys whose value changed are highlighted on both sides. */
export function AuditDiff({ before, after, labels }: { before: unknown; after: unknown; labels?: DiffLabels }) {
  const { token } = theme.useToken();
  const highlight: Record<Side, string> = { before: token.colorErrorBg, after: token.colorSuccessBg };

  if (!isRecord(before) && !isRecord(after)) {
    const values: Record<Side, unknown> = { before, after };
    return (
      <Row gutter={16}>
        {SIDES.map((side) => (
          <Col span={12} key={side}>
            <Typography.Text strong>{t.diff[side]}</Typography.Text>
            <pre style={{ margin: 0 }}>{values[side] == null ? t.diff.empty : show(values[side])}</pre>
          </Col>
        ))}
      </Row>
    );
  }

  const sides: Record<Side, Record<string, unknown> | null> = {
    before: isRecord(before) ? before : null,
    after: isRecord(after) ? after : null,
  };
  const keys = [...new Set([...Object.keys(sides.before ?? {}), ...Object.keys(sides.after ?? {})])];
  const changed = new Set(keys.filter((key) => show(sides.before?.[key]) !== show(sides.after?.[key])));

  return (
    <Row gutter={16}>
      {SIDES.map((side) => {
        const record = sides[side];
        return (
          <Col span={12} key={side} data-testid={`audit-${side}`}>
            <Typography.Text strong>{t.diff[side]}</Typography.Text>
            {record === null ? (
              <pre style={{ margin: 0 }}>{t.diff.empty}</pre>
            ) : (
              <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
                {keys
                  .filter((key) => key in record)
                  .map((key) => (
                    <div
                      key={key}
                      title={changed.has(key) ? t.diff.changed : undefined}
                      data-changed={changed.has(key) || undefined}
                      style={{ background: changed.has(key) ? highlight[side] : undefined, paddingInline: 4 }}
                    >
                      {`  ${labels?.fields[key] ?? key}：${display(key, record[key], labels)}`}
                    </div>
                  ))}
              </pre>
            )}
          </Col>
        );
      })}
    </Row>
  );
}
