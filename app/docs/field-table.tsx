import type { FieldRow } from './schema-view';

/** Fields of a schema: a table on wide screens, one stacked block per field on a phone. */
export function FieldTable({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  if (!rows.length) return null;
  return (
    <div className="rounded-md border">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted text-xs uppercase tracking-wide text-muted-foreground max-sm:sr-only">
          <tr>
            <th scope="col" className="w-1/4 px-3 py-2 font-medium">Field</th>
            <th scope="col" className="w-1/4 px-3 py-2 font-medium">Type</th>
            <th scope="col" className="px-3 py-2 font-medium">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className="align-top max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-3 max-sm:py-2 [&:not(:first-child)]:border-t sm:border-t">
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap max-sm:py-0">
                {row.name}
                {row.required ? (
                  <span className="ml-1 font-sans text-destructive" title="required">
                    *<span className="sr-only"> (required)</span>
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs break-words max-sm:px-0 max-sm:py-0 max-sm:text-muted-foreground">
                {row.ref ? (
                  <a className="text-primary underline underline-offset-2" href={`#schema-${row.ref}`}>
                    {row.type}
                  </a>
                ) : (
                  row.type
                )}
              </td>
              <td className="px-3 py-2 text-muted-foreground max-sm:w-full max-sm:pt-1 max-sm:pb-0 max-sm:empty:hidden">{row.notes.join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
