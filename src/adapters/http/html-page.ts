const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A small self-contained page for OAuth callbacks: success or failure, "you can return to chat". */
export function htmlPage(input: { ok: boolean; title: string; text: string }): string {
  const colour = input.ok ? '#237b4b' : '#c4314b';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#242424}
h1{font-size:1.4rem;color:${colour}}p{line-height:1.5}</style></head>
<body><h1>${input.ok ? '✓' : '✗'} ${escapeHtml(input.title)}</h1><p>${escapeHtml(input.text)}</p>
<p>You can close this page and return to chat.</p></body></html>
`;
}
