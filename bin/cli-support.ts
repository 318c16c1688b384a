import type { z } from 'zod';

/** A mistake of the caller's: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {}

export type Output = { json: unknown; text: string };
export type Command = (args: string[]) => Promise<Output>;

/** `optionOf`: the option that sets a field, when the schema's field names are not the options'. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, optionOf: (field: string) => string = (field) => field): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UsageError(`--${optionOf(String(issue.path[0] ?? 'input'))}: ${issue.message}`);
  }
  return result.data;
}

/** Splits comma- or space-separated option values: --grant a,b --grant c. */
export function listOption(values: string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values.flatMap((v) => v.split(/[\s,]+/)).filter(Boolean);
}
