import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

/** A column's heading; numbers' columns are aligned to the end. */
export type Column = string | { label: string; numeric: true };

/**
 * A data table with a hidden caption and one header row. On a phone it scrolls sideways inside its
 * own labelled, focusable box (so keyboard users can scroll it too); the page itself never does.
 */
export function ScrollTable({ id, caption, columns, children }: { id: string; caption: string; columns: Column[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className="w-full text-sm">
        <caption id={`${id}-caption`} className="sr-only">
          {caption}
        </caption>
        <thead className="bg-muted/50">
          <tr>
            {columns.map((column) => {
              const numeric = typeof column === 'object';
              const label = numeric ? column.label : column;
              return (
                <th key={label} scope="col" className={cn('px-3 py-2 font-medium whitespace-nowrap', numeric ? 'text-right' : 'text-left')}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
