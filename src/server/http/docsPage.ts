/** Escapes text for HTML. */
function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
}

/**
 * A readable page of the API, rendered on the server from the OpenAPI document:
 * no scripts, no external assets, so it works offline and under a strict CSP.
 */
export function renderDocsPage(doc: OpenApiDoc, base: string): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      const rows = byTag.get(tag) ?? [];
      rows.push(
        `<tr><td><code>${esc(method.toUpperCase())}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}</td></tr>`,
      );
      byTag.set(tag, rows);
    }
  }
  const sections = [...byTag.entries()]
    .map(
      ([tag, rows]) =>
        `<h2 id="${esc(tag)}">${esc(tag)}</h2><table><thead><tr><th>Method</th><th>Path</th><th>What it does</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} API</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}code{font-size:.95em}a{color:#0645ad}</style></head>
<body><h1>${esc(doc.info.title)} API <small>${esc(doc.info.version)}</small></h1>
<p>${esc(doc.info.description)}</p>
<p>Machine-readable document: <a href="${esc(base)}/openapi.json">${esc(base)}/openapi.json</a> (OpenAPI 3.1). Errors are RFC 9457 <code>application/problem+json</code> with a stable <code>code</code>; lists take <code>cursor</code> and <code>limit</code> and return <code>nextCursor</code>; every response carries <code>x-request-id</code>. Browser sessions send <code>x-csrf-token</code> on writes; machine clients use <code>Authorization: Bearer pft_…</code>.</p>
${sections}</body></html>`;
}
