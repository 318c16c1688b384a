import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { ShieldCheck } from 'lucide-react';
import { Card, CardContent, CardDescription, CardFooter, CardHeader } from '@/components/ui/card';

/** The centered card every sign-in, sign-up and recovery page sits in. */
export function AuthShell({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  const t = useTranslations('common');
  return (
    <main id="main" tabIndex={-1} className="flex min-h-[calc(100dvh-4rem)] flex-col items-center gap-6 px-4 pt-10 pb-10 sm:justify-center sm:pt-10">
      <Link
        href="/"
        className="flex items-center gap-2 rounded-sm text-sm font-semibold text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        <ShieldCheck className="size-5 text-primary" aria-hidden />
        {t('product')}
      </Link>
      <Card className="w-full max-w-sm">
        <CardHeader>
          <h1 className="text-xl font-semibold leading-tight break-words">{title}</h1>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </CardHeader>
        <CardContent className="grid gap-4">{children}</CardContent>
        {footer ? <CardFooter className="flex-col gap-2 text-sm text-muted-foreground">{footer}</CardFooter> : null}
      </Card>
    </main>
  );
}
