import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { escapeHtml } from '../http/html-escape.js';
import type { Locale } from '../runtime/locales.js';

/** The pages' one style sheet, inlined and allowed by its hash: no script runs on these pages. */
const PAGE_STYLE = `:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.5}
body{margin:0;padding:1.5rem;max-width:40rem;margin-inline:auto}
h1{font-size:1.6rem;margin:0 0 1rem}h2{font-size:1.2rem;margin:2rem 0 .5rem}
form{margin:.75rem 0}label{display:block;margin-bottom:.25rem}
input[type=text],select{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;margin-bottom:.5rem}
address{font-style:normal;margin:.5rem 0}
button{font:inherit;padding:.4rem .9rem;cursor:pointer}
:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
ul.tokens{list-style:none;padding:0}ul.tokens li{display:flex;gap:1rem;align-items:center;justify-content:space-between;border-top:1px solid #8884;padding:.5rem 0}
ul.tokens form{margin:0}form.choice{display:flex;gap:.75rem}button[value=approve]{background:#1d5fbf;color:#fff;border:1px solid #1d5fbf}.muted{opacity:.75}.error{color:#b3261e;font-weight:600}
.secret{font-family:ui-monospace,monospace;word-break:break-all;padding:.75rem;border:1px solid #8888;user-select:all}
`;
const styleHash = (style: string) =>
  `'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`;
const STYLE_HASH = styleHash(PAGE_STYLE);

/**
 * The pages' Content-Security-Policy: nothing loads or runs but the style
 * above; forms post to this origin only; no other site may frame a page (its
 * buttons sign out, revoke tokens, approve account links). `formActions` adds
 * origins a form's answer redirects to: Chrome applies `form-action` to a
 * form's redirects too (the consent form's approval goes on to the client).
 */
function pageCsp(formActions: readonly string[] = [], styles: readonly string[] = []): string {
  return [
    "default-src 'none'",
    ['style-src', STYLE_HASH, ...styles.map(styleHash)].join(' '),
    'img-src data:',
    "base-uri 'none'",
    ["form-action 'self'", ...formActions].join(' '),
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers of every account page. `same-origin`, not `no-referrer`: a form
 * posted from a no-referrer page carries `Origin: null`, which `fromOwnOrigin`
 * would refuse; other sites still get no Referer.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': pageCsp(),
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/**
 * The headers of a page with a style sheet of its own besides the pages' one (`renderPage`'s
 * `style`): its hash joins the Content-Security-Policy.
 */
export function styledPageHeaders(style: string): Record<string, string> {
  return { 'content-security-policy': pageCsp([], [style]) };
}

/** A whole page: `main` is HTML the caller built from escaped values; `title` is text; `style` a page's own style sheet. */
export function renderPage({
  locale,
  title,
  main,
  style,
}: {
  locale: Locale;
  title: string;
  main: string;
  style?: string;
}): string {
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · hearth</title>
<link rel="icon" href="data:,">
<style>${PAGE_STYLE}</style>${style === undefined ? '' : `\n<style>${style}</style>`}
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${main}
</main>
</body>
</html>
`;
}

/**
 * The HTML response of a page, with PAGE_HEADERS (and any cookie the route set); `headers`
 * win; `formActions` are origins its forms' answers may redirect to (`pageCsp`).
 */
export function pageResponse(
  c: Context,
  status: ContentfulStatusCode,
  html: string,
  headers: Record<string, string> = {},
  formActions: readonly string[] = [],
): Response {
  const csp: Record<string, string> =
    formActions.length > 0 ? { 'content-security-policy': pageCsp(formActions) } : {};
  return c.html(html, status, { ...PAGE_HEADERS, ...csp, ...headers });
}

/** A paragraph of text (escaped). */
export const paragraph = (text: string, className?: string): string =>
  `<p${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</p>`;
