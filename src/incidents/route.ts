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
  // Prefixed ids like "ord_4e87c233d4" or "cus-9Xa81b2c": a word, a separator, an opaque tail with
  // at least three digits. Short versioned words ("v1", "oauth2") have fewer and stay.
  [/^[A-Za-z]{1,12}[_-](?=(?:[^\d]*\d){3})[A-Za-z0-9]{6,}$/, '<id>'],
  [/^(?=(?:[^\d]*\d){3})(?=.*[A-Za-z])[A-Za-z0-9]{8,}$/, '<id>'],
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
