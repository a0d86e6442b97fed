import type { AccountSubject } from '../../src/accounts/account-subject.js';
import { issueSigninCode } from '../../src/accounts/signin-codes.js';
import type { DocumentStore } from '../../src/store/document-store.js';

type RequestingApp = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/** `name=value` pairs of a response's Set-Cookie headers (attributes dropped), by name. */
export function setCookies(response: Response): Record<string, { value: string; attributes: string }> {
  return Object.fromEntries(
    response.headers.getSetCookie().map((line) => {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      return [pair.slice(0, at), { value: pair.slice(at + 1), attributes: attributes.join(';').trim() }];
    }),
  );
}

/** The path of a sign-in URL (demo.json's are under a base URL the tests do not listen on). */
export const pathOf = (url: string) => new URL(url).pathname;

/**
 * Signs in as `subject` through a fresh sign-in link, as a browser would:
 * the `Cookie` header value of the session it gets.
 */
export async function signIn(
  app: RequestingApp,
  store: DocumentStore,
  subject: AccountSubject,
  origin = 'http://localhost',
): Promise<string> {
  const { code } = await issueSigninCode(store, subject);
  const response = await app.request(`${origin}/signin/${code}`);
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  const [name, cookie] =
    Object.entries(setCookies(response)).find(([n]) => n.includes('hearth_session')) ?? [];
  if (!name || !cookie) throw new Error('sign-in set no session cookie');
  return `${name}=${cookie.value}`;
}

/** The CSRF token in a page's forms. */
export function csrfOf(html: string): string {
  const token = html.match(/<input type="hidden" name="csrf" value="([^"]+)">/)?.[1];
  if (!token) throw new Error('no CSRF field in the page');
  return token;
}

/** A form post as a browser sends it from a page of `origin`. */
export function postForm(
  app: RequestingApp,
  path: string,
  cookie: string,
  fields: Record<string, string>,
  origin = 'http://localhost',
): Promise<Response> {
  return Promise.resolve(
    app.request(`${origin}${path}`, {
      method: 'POST',
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}
