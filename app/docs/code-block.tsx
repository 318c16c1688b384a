import { CopyButton } from './copy-button';

/** A titled block of code or output that scrolls inside itself, never the page, with a copy button. */
export function CodeBlock({ title, code, language }: { title: string; code: string; language?: string }) {
  return (
    <figure className="min-w-0 overflow-hidden rounded-md border bg-muted/50">
      <figcaption className="flex items-center justify-between gap-2 border-b px-3 py-1.5 text-xs font-medium text-muted-foreground">
        <span className="min-w-0 truncate">{title}</span>
        <CopyButton text={code} label={title} />
      </figcaption>
      <pre className="overflow-x-auto p-3 text-xs leading-relaxed" tabIndex={0} aria-label={title}>
        <code className="font-mono" data-language={language}>
          {code}
        </code>
      </pre>
    </figure>
  );
}
