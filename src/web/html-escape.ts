/**
 * Web pages escape with the HTTP room's helpers: account pages (src/accounts/)
 * need them too, and web/ imports accounts/ (sessions), so they live below both.
 */
export { escapeHtml, jsonForScript } from '../http/html-escape.js';
