// Request paths masked into route patterns, so "/api/users/123/orders" and "/api/users/456/orders"
// are one route. Masks are typed so the route stays readable.

const SEGMENT_MASKS: [RegExp, string][] = [
  [/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, '<uuid>'],
  [/^\d+$/, '<num>'],
  [/^[0-9a-f]{12,}$/i, '<hex>'],
  [/^[^@/]+@[^@/]+\.[a-z]{2,}$/i, '<email>'],
  // Long opaque tokens mixing letters and digits (ids, slugs with hashes).
  [/^(?=.*\d)(?=.*[A-Za-z])[\w-]{16,}$/, '<id>'],
  [/^(?=.*\d)[\w.-]*\d{4,}[\w.-]*$/, '<id>'],
];

export function pathOf(url: string): string {
  let p = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(p);
  if (scheme !== null) p = p.slice(scheme[0].length);
  p = p.replace(/[?#].*$/, '');
  return p === '' ? '/' : p;
}

export function routePattern(url: string): string {
  const path = pathOf(url);
  return path
    .split('/')
    .map((seg) => {
      // Plain words (no digits) are never masked: skip the masks for the common case.
      if (seg === '' || !/[\d@]/.test(seg)) return seg;
      for (const [re, mask] of SEGMENT_MASKS) if (re.test(seg)) return mask;
      return seg;
    })
    .join('/');
}

export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}
