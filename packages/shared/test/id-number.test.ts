import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isMobilePhone, maskIdNumber, maskPhone, parseIdNumber } from '../src/index.js';

describe('parseIdNumber (GB 11643)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['440308199901010012', '1999-01-01', 'male'],
    ['620302200002290023', '2000-02-29', 'female'],
  ])('accepts %s', (raw, birthDate, gender) => {
    expect(parseIdNumber(raw, '2026-11-22')).toEqual({ ok: true, value: raw, info: { birthDate, gender } });
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(parseIdNumber(' 11010519491231002x ', '2026-11-22')).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
  });

  it.each([
    ['', '应为18位，前17位为数字，末位为数字或X'],
    ['1101051949123100', '应为18位，前17位为数字，末位为数字或X'],
    ['11010519491231002Y', '应为18位，前17位为数字，末位为数字或X'],
    ['1101051949123100XX', '应为18位，前17位为数字，末位为数字或X'],
    ['110105194913310028', '出生日期无效'],
    ['110105194902300023', '出生日期无效'],
    ['110105203001010021', '出生日期无效'],
    ['440524188001010014', '出生日期无效'],
    ['620302200102290027', '出生日期无效'],
    ['110105194912310021', '校验码不正确'],
  ])('rejects %s: %s', (raw, reason) => {
    expect(parseIdNumber(raw, '2026-11-22')).toEqual({ ok: false, reason });
  });

  it('derives gender from the 17th digit', () => {
    const male = `1101051990010100${1}`;
    expect(parseIdNumber(male + idNumberCheckChar(male), '2026-11-22')).toMatchObject({ info: { gender: 'male' } });
    const female = `1101051990010100${2}`;
    expect(parseIdNumber(female + idNumberCheckChar(female), '2026-11-22')).toMatchObject({
      info: { gender: 'female' },
    });
  });
});

describe('masking and phones', () => {
  it('masks the middle of ID numbers and phones', () => {
    expect(maskIdNumber('620302199001011234')).toBe('620302********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('123')).toBe('***');
  });

  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['12812345678', false],
    ['1381234567', false],
    ['138123456789', false],
    ['1381234567a', false],
  ])('isMobilePhone(%s) = %s', (phone, ok) => {
    expect(isMobilePhone(phone)).toBe(ok);
  });
});

describe('mainland mobile numbers', () => {
  it.each(['13812345678', '15000000000', '19912345678', '16612345678'])('accepts %s', (phone) => {
    expect(isMobilePhone(phone)).toBe(true);
  });
  it.each(['1381234567', '138123456789', '12812345678', '23812345678', '138-1234-5678', '+8613812345678', ''])(
    'rejects %s',
    (phone) => {
      expect(isMobilePhone(phone)).toBe(false);
    },
  );
});
