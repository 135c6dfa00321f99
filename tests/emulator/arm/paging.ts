import { badRequest } from './errors';

/**
 * nextLink paging. The `$skiptoken` carries the offset plus a fingerprint of the listing it
 * belongs to, so a token pasted onto another list is refused instead of silently skipping rows.
 */

interface PageToken {
  o: number;
  f: string;
}

function encode(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decode(raw: string): PageToken | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as PageToken).o === 'number') {
      const t = parsed as PageToken;
      return { o: t.o, f: String(t.f) };
    }
  } catch {
    // fall through: malformed tokens are a client bug worth a 400
  }
  return undefined;
}

export interface Page<T> {
  items: T[];
  nextLink?: string;
}

/**
 * One page of `items` starting at the offset in `url`'s `$skiptoken`. The nextLink keeps every
 * other query parameter, as ARM's do, and is absolute on `baseUrl`.
 */
export function pageOf<T>(
  items: T[],
  url: URL,
  baseUrl: string,
  pageSize: number,
  fingerprint: string,
): Page<T> {
  const raw = url.searchParams.get('$skiptoken') ?? url.searchParams.get('$skipToken');
  let offset = 0;
  if (raw !== null) {
    const token = decode(raw);
    if (!token || token.f !== fingerprint || token.o < 0) {
      throw badRequest('InvalidSkipToken', 'The provided skip token is not valid for this request.');
    }
    offset = token.o;
  }
  const size = Math.max(1, pageSize);
  const slice = items.slice(offset, offset + size);
  const nextOffset = offset + slice.length;
  if (nextOffset >= items.length) return { items: slice };
  const next = new URL(url.pathname, baseUrl);
  for (const [k, v] of url.searchParams) {
    if (k !== '$skiptoken' && k !== '$skipToken') next.searchParams.append(k, v);
  }
  next.searchParams.set('$skiptoken', encode({ o: nextOffset, f: fingerprint }));
  return { items: slice, nextLink: next.toString() };
}

export function listBody<T>(page: Page<T>): { value: T[]; nextLink?: string } {
  return page.nextLink ? { value: page.items, nextLink: page.nextLink } : { value: page.items };
}
