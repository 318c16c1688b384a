import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

/** One titled block of an account page. */
export function Section({
  title,
  description,
  children,
  id,
}: {
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  id?: string;
}) {
  return (
    <Card id={id} aria-labelledby={id ? `${id}-title` : undefined}>
      <CardHeader>
        <CardTitle id={id ? `${id}-title` : undefined} className="text-lg">
          {title}
        </CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="grid min-w-0 grid-cols-1 gap-4">{children}</CardContent>
    </Card>
  );
}

/** A page heading for the account area. */
export function PageTitle({ title, description }: { title: string; description?: React.ReactNode }) {
  return (
    <div>
      <h1 className="text-2xl font-semibold break-words">{title}</h1>
      {description ? <p className="text-muted-foreground">{description}</p> : null}
    </div>
  );
}
