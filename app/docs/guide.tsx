/** Building blocks of the two guides: a page frame, numbered sections, inline code for t.rich. */
export const inlineCode = (chunks: React.ReactNode) => (
  <code className="rounded bg-muted px-1 font-mono text-[0.9em] break-words">{chunks}</code>
);
export const strong = (chunks: React.ReactNode) => <strong className="font-semibold">{chunks}</strong>;
export const rich = { code: inlineCode, strong };

export function GuidePage({ title, intro, children }: { title: string; intro: React.ReactNode; children: React.ReactNode }) {
  return (
    <main id="main" tabIndex={-1} className="mx-auto grid max-w-3xl min-w-0 gap-8 px-4 py-8 focus:outline-none sm:py-12">
      <header className="grid gap-3">
        <h1 className="text-2xl font-semibold sm:text-3xl">{title}</h1>
        <p className="text-muted-foreground">{intro}</p>
      </header>
      {children}
    </main>
  );
}

export function GuideSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`h-${id}`} className="grid min-w-0 scroll-mt-4 gap-3 text-sm leading-relaxed sm:text-base">
      <h2 id={`h-${id}`} className="text-lg font-semibold sm:text-xl">
        {title}
      </h2>
      {children}
    </section>
  );
}
