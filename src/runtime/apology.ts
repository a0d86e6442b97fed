import type { LanguageData } from './i18n.js';
import type { SkillDefinition } from './skill-definition.js';
import { renderSsml } from './ssml.js';
import type { Reply, Turn } from './turn.js';

/**
 * The one apology: a handler threw, a write the reply depends on failed, or the
 * turn overran its deadline. In the turn's language, the session kept as it
 * came, nothing personal used.
 */
export function apologyReply(
  language: LanguageData,
  skill: SkillDefinition,
  turn: Pick<Turn, 'locale' | 'session'>,
): Reply {
  const t = language.translator(skill.id, turn.locale);
  const speech = t('errors.apology');
  const reprompt = t('help.reprompt');
  return {
    locale: turn.locale,
    speech,
    ssml: renderSsml(speech),
    text: speech,
    suggestions: [],
    reprompt,
    repromptSsml: renderSsml(reprompt),
    endSession: false,
    session: turn.session,
    used: [],
  };
}
