import type { LinkPlatform } from '../auth/token-claims.js';
import { DEMO_BRANDS } from './demo-households.js';

/** The vendor id and Google project ids the demo's redirect URIs name (what a console would show). */
const DEMO_ALEXA_VENDOR = 'M2HEARTHDEMO';
const googleRedirects = (project: string) => [
  `https://oauth-redirect.googleusercontent.com/r/${project}`,
  `https://oauth-redirect-sandbox.googleusercontent.com/r/${project}`,
];

export interface DemoOAuthClientSpec {
  clientId: string;
  platform: LinkPlatform;
  skillId?: string;
  redirectUris: string[];
  pkceRequired: boolean;
}

/**
 * The demo's OAuth clients: for each skill, its Alexa skill (PKCE required, the
 * three regional redirect URIs) and its Dialogflow agent (Google's redirect and
 * its sandbox; Google's linking sends no PKCE); and Google Home's, which is the
 * household's and no skill's.
 */
export const DEMO_OAUTH_CLIENTS: readonly DemoOAuthClientSpec[] = [
  ...DEMO_BRANDS.flatMap((brand): DemoOAuthClientSpec[] => [
    {
      clientId: `${brand.skillId}-alexa`,
      platform: 'alexa',
      skillId: brand.skillId,
      redirectUris: ['pitangui.amazon.com', 'layla.amazon.com', 'alexa.amazon.co.jp'].map(
        (host) => `https://${host}/api/skill/link/${DEMO_ALEXA_VENDOR}`,
      ),
      pkceRequired: true,
    },
    {
      clientId: `${brand.skillId}-dialogflow`,
      platform: 'dialogflow',
      skillId: brand.skillId,
      redirectUris: googleRedirects(`hearth-demo-${brand.skillId}`),
      pkceRequired: false,
    },
  ]),
  {
    clientId: 'google-home',
    platform: 'google',
    redirectUris: googleRedirects('hearth-demo-home'),
    pkceRequired: false,
  },
];
