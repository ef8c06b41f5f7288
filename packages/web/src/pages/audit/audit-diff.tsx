import { Col, Row, Typography, theme } from 'antd';
import { isRecord } from '../../lib/is-record';
import { auditText as t } from './audit.text';

const SIDES = ['before', 'after'] as const;
type Side = (typeof SIDES)[number];

const show = (value: unknown) => JSON.stringify(value, null, 2) ?? 'undefined';

/** Before and after side by side; the keys whose value changed are highlighted on both sides. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
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
              <pre style={{ margin: 0, fontSize: 12 }}>
                {'{\n'}
                {keys
                  .filter((key) => key in record)
                  .map((key) => (
                    <div
                      key={key}
                      title={changed.has(key) ? t.diff.changed : undefined}
                      data-changed={changed.has(key) || undefined}
                      style={{ background: changed.has(key) ? highlight[side] : undefined, paddingInline: 4 }}
                    >
                      {`  "${key}": ${show(record[key])}`}
                    </div>
                  ))}
                {'}'}
              </pre>
            )}
          </Col>
        );
      })}
    </Row>
  );
}
