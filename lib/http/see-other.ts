import { NextResponse } from 'next/server';

/** A 303 to `location`; a path stays relative, so it holds behind any proxy whatever the Host was. */
export function seeOther(location: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location } });
}
