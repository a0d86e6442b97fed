import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { HttpEnv } from '../http/http-env.js';
import { PROBLEM_CODES } from '../http/problem.js';

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hearth API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/swagger-init.js"></script>
</body></html>`;
const DOCS_INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger' });`;

/** `/openapi.json` generated from the routes' zod schemas, and `/docs` (Swagger UI served from node_modules, no CDN). */
export function registerOpenApiRoutes(app: OpenAPIHono<HttpEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const codes = Object.entries(PROBLEM_CODES)
    .map(([code, { status, title }]) => `| \`${code}\` | ${status} | ${title} |`)
    .join('\n');
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'hearth',
      version: '1',
      description: `Consent-first conversational touchpoints for the connected home.\n\nErrors from /v1 routes are application/problem+json (RFC 9457) with a stable \`code\`:\n\n| code | status | title |\n| --- | --- | --- |\n${codes}`,
    },
  });
  app.get('/docs', (c) => c.html(DOCS_PAGE));
  app.get('/docs/assets/swagger-init.js', (c) =>
    c.body(DOCS_INIT, 200, { 'content-type': 'text/javascript' }),
  );
  app.get('/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    // Own keys only: `constructor` or `toString` must not reach readFile as an "asset".
    const type = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!type) return c.notFound();
    const body = await readFile(path.join(swaggerDir, file));
    return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
}
