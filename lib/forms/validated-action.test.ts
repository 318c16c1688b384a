import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkedValues, formFields, validatedAction } from './validated-action';

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe('formFields', () => {
  it('keeps a field sent once as its string value', () => {
    expect(formFields(form([['name', 'Ada'], ['email', 'ada@example.com']]))).toEqual({ name: 'Ada', email: 'ada@example.com' });
  });

  it('gives a field sent several times as the array of its values in form order', () => {
    expect(formFields(form([['appRoleId', 'b'], ['name', 'Ada'], ['appRoleId', 'a'], ['appRoleId', 'c']]))).toEqual({
      appRoleId: ['b', 'a', 'c'],
      name: 'Ada',
    });
  });

  it('keeps an empty field as the empty string', () => {
    expect(formFields(form([['description', '']]))).toEqual({ description: '' });
  });
});

describe('checkedValues', () => {
  const schema = z.object({ appRoleId: checkedValues(10) });

  it('is an empty array when no box is ticked', () => {
    expect(schema.parse(formFields(form([])))).toEqual({ appRoleId: [] });
  });

  it('is an array of one when one box is ticked', () => {
    expect(schema.parse(formFields(form([['appRoleId', 'a']])))).toEqual({ appRoleId: ['a'] });
  });

  it('keeps every ticked value', () => {
    expect(schema.parse(formFields(form([['appRoleId', 'a'], ['appRoleId', 'b']])))).toEqual({ appRoleId: ['a', 'b'] });
  });

  it('drops values no box sends (empty or too long) without refusing the form', () => {
    const parsed = schema.parse(formFields(form([['appRoleId', ''], ['appRoleId', 'a'], ['appRoleId', 'x'.repeat(11)]])));
    expect(parsed).toEqual({ appRoleId: ['a'] });
  });
});

describe('validatedAction', () => {
  const schema = z.object({
    name: z.string().min(1, 'Enter a name.'),
    tags: z.array(z.string()).optional(),
    password: z.string().optional(),
    clientSecret: z.string().optional(),
  });
  const echo = validatedAction(schema, async (data) => ({ notice: JSON.stringify(data) }));

  it('hands the action repeated fields as arrays and single fields as strings', async () => {
    const state = await echo({}, form([['name', 'Ada'], ['tags', 'a'], ['tags', 'b']]));
    expect(JSON.parse(state.notice!)).toEqual({ name: 'Ada', tags: ['a', 'b'] });
  });

  it('refuses a single value where the schema wants an array, beside that field', async () => {
    const state = await echo({}, form([['name', 'Ada'], ['tags', 'a']]));
    expect(state.fieldErrors).toEqual({ tags: expect.any(String) });
    expect(state.notice).toBeUndefined();
  });

  it('returns the first message per field and echoes the entered values, never secrets or Next fields', async () => {
    const state = await echo({}, form([['name', ''], ['password', 'hunter2'], ['clientSecret', 'upstream-secret'], ['$ACTION_ID_1', ''], ['tags', 'a'], ['tags', 'b']]));
    expect(state.fieldErrors).toEqual({ name: 'Enter a name.' });
    expect(state.values).toEqual({ name: '', tags: 'b' });
  });
});
