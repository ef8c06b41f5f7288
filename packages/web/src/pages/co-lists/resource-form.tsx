import { CO_CATEGORIES, CO_CATEGORY_LABELS } from '@gongjian/shared';
import { DatePicker, Form, Input, Select } from 'antd';
import { dateFieldProps } from '../members/date-field';
import { coListsText } from './co-lists.text';

const t = coListsText.form;

export const categoryOptions = CO_CATEGORIES.map((c) => ({ value: c, label: CO_CATEGORY_LABELS[c] }));

/** The fields of a resource a community or a unit's liaison fills in. */
export function ResourceFields() {
  return (
    <>
      <Form.Item name="title" label={t.title} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="category" label={t.category} rules={[{ required: true }]}>
        <Select options={categoryOptions} />
      </Form.Item>
      <Form.Item name="description" label={t.description}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="place" label={t.place}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="availability" label={t.availability}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="availableFrom" label={t.availableFrom} {...dateFieldProps}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="availableTo" label={t.availableTo} {...dateFieldProps}>
        <DatePicker />
      </Form.Item>
    </>
  );
}
