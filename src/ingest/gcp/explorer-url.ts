// Links an incident to its logs in the Logs Explorer. The console reads matrix parameters after
// /logs/query: `;query=` (the filter, percent-encoded) and `;timeRange=START/END` (ISO 8601, the
// slash encoded as %2F), then `?project=`. Besides what encodeURIComponent escapes, the parentheses
// and the other sub-delimiters are encoded too, because a raw ")" or ";" would end the parameter
// early in some places the link gets pasted (Markdown, chat).

export interface ExplorerLink {
  project: string;
  query: string;
  from: string;
  to: string;
}

export function encodeExplorerComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function logsExplorerUrl(l: ExplorerLink): string {
  const range = `${encodeExplorerComponent(l.from)}%2F${encodeExplorerComponent(l.to)}`;
  return `https://console.cloud.google.com/logs/query;query=${encodeExplorerComponent(l.query)};timeRange=${range}?project=${encodeURIComponent(l.project)}`;
}
