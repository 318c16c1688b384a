import type { FieldRow } from './schema-view';

/** Fields of a schema as a table that scrolls sideways on a narrow screen rather than squeezing. */
export function FieldTable({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  if (!rows.length) return null;
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full min-w-[32rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted text-xs uppercase tracking-wide text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Field</th>
            <th scope="col" className="px-3 py-2 font-medium">Type</th>
            <th scope="col" className="px-3 py-2 font-medium">Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className="border-t align-top">
              <td className="px-3 py-2 font-mono text-xs break-all">
                {row.name}
                {row.required ? <span className="ml-1 font-sans text-destructive" title="required">*</span> : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs">
                {row.ref ? (
                  <a className="text-primary underline underline-offset-2" href={`#schema-${row.ref}`}>
                    {row.type}
                  </a>
                ) : (
                  row.type
                )}
              </td>
              <td className="px-3 py-2 text-muted-foreground">{row.notes.join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
