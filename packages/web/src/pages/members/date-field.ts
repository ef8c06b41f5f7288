import dayjs, { type Dayjs } from 'dayjs';

/** Form.Item props that keep dates as YYYY-MM-DD strings in the form while the DatePicker shows dayjs values. */
export const dateFieldProps = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null),
};

export const todayString = () => dayjs().format('YYYY-MM-DD');
