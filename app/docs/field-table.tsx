import { getTranslations } from 'next-intl/server';
import type { FieldRow } from './schema-view';

/** Fields of a schema: a table on wide screens, one stacked block per field on a phone. */
export async function FieldTable({ rows, caption }: { rows: FieldRow[]; caption: string }) {
  if (!rows.length) return null;
  const t = await getTranslations('docs');
  return (
    <div className="rounded-md border">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted text-xs uppercase tracking-wide text-muted-foreground max-sm:sr-only">
          <tr>
            <th scope="col" className="w-1/4 px-3 py-2 font-medium">{t('fields.field')}</th>
            <th scope="col" className="w-1/4 px-3 py-2 font-medium">{t('fields.type')}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t('fields.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className="align-top max-sm:flex max-sm:flex-wrap max-sm:items-baseline max-sm:gap-x-3 max-sm:py-2 [&:not(:first-child)]:border-t sm:border-t">
              <td className="px-3 py-2 font-mono text-xs break-all max-sm:py-0">
                {row.name}
                {row.required ? (
                  <span className="ml-1 font-sans text-destructive" title={t('fields.required')}>
                    *<span className="sr-only"> ({t('fields.required')})</span>
                  </span>
                ) : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs wrap-anywhere max-sm:px-0 max-sm:py-0 max-sm:text-muted-foreground">
                {row.ref ? (
                  <a className="text-primary underline underline-offset-2" href={`#schema-${row.ref}`}>
                    {row.type}
                  </a>
                ) : (
                  row.type
                )}
              </td>
              <td className="px-3 py-2 wrap-anywhere text-muted-foreground max-sm:w-full max-sm:pt-1 max-sm:pb-0 max-sm:empty:hidden">{row.notes.join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
