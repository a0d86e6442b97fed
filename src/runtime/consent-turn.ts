/**
 * The pipeline's part in consent: asking for a purpose the first time a skill
 * needs it (one sentence of notice, served and recorded before the reply, at
 * most once per purpose, skill and notice version), recording the household's
 * "yes" as a grant that answers that very notice, and committing the
 * withdrawals a reply asks for. The question travels in the session; a forged
 * one grants nothing, since a grant must answer a notice this household was
 * served (checked in the ledger's transaction).
 */
import { isPurpose, type Purpose } from './consent-gate.js';
import {
  CONSENT_QUESTION_KEY,
  type ConsentActor,
  type ConsentChanges,
  type ConsentRecorder,
  consentChannelOf,
  type TurnChoice,
} from './consent-recorder.js';
import type { LanguageData } from './i18n.js';
import { withoutElicitation } from './normalise-turn.js';
import type { Translate } from './skill-definition.js';
import type { ReplyDraft, SessionState, Turn } from './turn.js';

/** The consent question the last reply asked, as the client handed it back. */
export type ConsentQuestion = { purpose: Purpose; notice: string };

const NOTICE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function pendingConsentQuestion(session: SessionState): ConsentQuestion | undefined {
  const value = Object.hasOwn(session, CONSENT_QUESTION_KEY) ? session[CONSENT_QUESTION_KEY] : undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { purpose, notice } = value as Record<string, unknown>;
  if (typeof purpose !== 'string' || !isPurpose(purpose)) return undefined;
  if (typeof notice !== 'string' || !NOTICE_ID.test(notice)) return undefined;
  return { purpose, notice };
}

export function withoutConsentQuestion(session: SessionState): SessionState {
  if (!Object.hasOwn(session, CONSENT_QUESTION_KEY)) return session;
  const { [CONSENT_QUESTION_KEY]: _dropped, ...rest } = session;
  return rest;
}

/** What the household said, for the ledger's proof: the intent and the slot values as heard. */
export function spokenInput(turn: Turn): string {
  const slots = Object.entries(turn.slots)
    .flatMap(([name, v]) => (v ? [`${name}="${v.value}"`] : []))
    .join(' ');
  return (slots ? `${turn.intent} ${slots}` : turn.intent).slice(0, 500);
}

type ConsentTurn = {
  turn: Turn;
  householdId: string;
  actor: ConsentActor;
  recorder: ConsentRecorder;
  brandId: string;
  t: Translate;
};

/** The choice a turn makes, with what every choice of it shares. */
function choiceOf(
  c: ConsentTurn,
  purpose: Purpose,
  action: TurnChoice['action'],
  noticeId?: string,
): TurnChoice {
  return {
    purpose,
    ...(purpose === 'offers' || purpose === 'measurement' ? { brandId: c.brandId } : {}),
    action,
    input: spokenInput(c.turn),
    ...(noticeId ? { noticeId } : {}),
    skillId: c.turn.skillId,
    locale: c.turn.locale,
    channel: consentChannelOf(c.turn.channel),
    actor: c.actor,
  };
}

/** The answer to the consent question: a "yes" grants (answering the notice served), a "no" records nothing. */
export async function answerConsentQuestion(
  c: ConsentTurn,
  question: ConsentQuestion,
  yes: boolean,
): Promise<ReplyDraft> {
  const data = c.t(`dataKinds.${question.purpose}`);
  if (!yes) return { speech: c.t('privacy.consentDeclined', { data }) };
  await c.recorder.choose(c.householdId, [choiceOf(c, question.purpose, 'grant', question.notice)]);
  return { speech: c.t('privacy.consentGranted', { data }) };
}

/** Commits the withdrawals and the objection a reply asks for, before it is sent. */
export async function commitConsentChanges(c: ConsentTurn, changes: ConsentChanges): Promise<void> {
  const choices = [
    ...(changes.withdraw ?? []).map((p) => choiceOf(c, p, 'withdraw')),
    ...(changes.objectToMarketing ? [{ ...choiceOf(c, 'offers', 'object'), brandId: undefined }] : []),
  ].map(({ brandId, ...rest }) => (brandId === undefined ? rest : { ...rest, brandId }));
  if (choices.length > 0) await c.recorder.choose(c.householdId, choices);
}

/**
 * A reply that also asks for `purpose`: the notice's spoken sentence and the
 * question after what the skill said, the exact prompt recorded as served
 * before the reply, and the question kept in the session for the answer.
 */
export async function askForConsent(
  c: ConsentTurn,
  language: LanguageData,
  draft: ReplyDraft,
  purpose: Purpose,
): Promise<ReplyDraft> {
  const data = c.t(`dataKinds.${purpose}`);
  const notice = language.noticeText(c.turn.locale)(`${purpose}.short`);
  const prompt = c.t('privacy.askConsent', { notice, data });
  const id = await c.recorder.serveNotice(c.householdId, {
    purpose,
    locale: c.turn.locale,
    channel: consentChannelOf(c.turn.channel),
    text: prompt,
    skillId: c.turn.skillId,
  });
  const session = draft.session ?? withoutElicitation(c.turn.session);
  return {
    ...draft,
    speech: `${draft.speech} ${prompt}`,
    ...(draft.text !== undefined ? { text: `${draft.text} ${prompt}` } : {}),
    reprompt: c.t('privacy.askReprompt', { data }),
    session: { ...session, [CONSENT_QUESTION_KEY]: { purpose, notice: id } },
  };
}

/**
 * A reply that also tells the household, once, that it can set an explicit-consent purpose
 * (its diets and allergies) on the privacy page: a sentence, not a question, recorded as a
 * notice served so that it is said once per notice version. No session question follows it,
 * and the ledger never takes a spoken answer to it as a grant.
 */
export async function pointToPrivacyPage(
  c: ConsentTurn,
  draft: ReplyDraft,
  purpose: Purpose,
): Promise<ReplyDraft> {
  const pointer = c.t('privacy.setOnPage', { data: c.t(`dataKinds.${purpose}`) });
  await c.recorder.serveNotice(c.householdId, {
    purpose,
    locale: c.turn.locale,
    channel: consentChannelOf(c.turn.channel),
    text: pointer,
    skillId: c.turn.skillId,
  });
  return {
    ...draft,
    speech: `${draft.speech} ${pointer}`,
    ...(draft.text !== undefined ? { text: `${draft.text} ${pointer}` } : {}),
  };
}
