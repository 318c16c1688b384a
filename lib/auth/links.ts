import { config } from '@/lib/config';

export function absoluteUrl(pathname: string, params: Record<string, string> = {}): string {
  const url = new URL(pathname, config().publicUrl + '/');
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
