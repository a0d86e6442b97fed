/**
 * The turn pipeline: every channel, the simulator and brand tests call
 * `runTurn`. One normalisation of the raw turn; one read of the household and
 * exactly the context documents the intent declares (a single round trip,
 * under a budget); the consent gate over that snapshot; the handler; the
 * writes the reply depends on, committed before it; the rest queued after it;
 * and one apology, in the turn's language, for a handler that throws or a turn
 * that overruns its deadline. It never throws.
 */
import { withDeadline } from '../async/with-deadline.js';
import { apologyReply } from './apology.js';
import { type ConsentedContext, NOTHING_CONSENTED, type Purpose, snapshotGate } from './consent-gate.js';
import type { ConsentRecorder, TurnConsent } from './consent-recorder.js';
import {
  answerConsentQuestion,
  askForConsent,
  commitConsentChanges,
  pendingConsentQuestion,
  pointToPrivacyPage,
  withoutConsentQuestion,
} from './consent-turn.js';
import { type Effects, type EffectWriter, type HouseholdWrite, permittedWrites } from './effects.js';
import type { LanguageData } from './i18n.js';
import { ELICIT_KEY, normaliseTurn, type RawTurn, withoutElicitation } from './normalise-turn.js';
import type { OfferAction, OfferOutcome, TurnOfferState, TurnOffers } from './offer-port.js';
import { withOffer } from './offer-turn.js';
import { type PendingOffer, pendingOffer, withoutPendingOffer, withPendingOffer } from './pending-offer.js';
import { ownQuestion, pendingQuestion, withoutQuestion, withQuestion } from './pending-question.js';
import { resolveSlots } from './resolve-slots.js';
import {
  type BuiltInIntent,
  declaredPurposes,
  type Handler,
  type HandlerContext,
  isBuiltInIntent,
  isCommonIntent,
  LAUNCH,
  ownIntent,
  type QuestionDefinition,
  SESSION_ENDED,
  type SkillDefinition,
} from './skill-definition.js';
import type { SkillServices } from './skill-services.js';
import { renderSsml } from './ssml.js';
import {
  type JsonValue,
  type Reply,
  type ReplyDraft,
  type SessionState,
  sessionBoundsProblem,
  type Turn,
  type TurnHousehold,
} from './turn.js';
import { HANDLER_RESERVE_MS, READ_BUDGET_MS, TURN_DEADLINE_MS } from './turn-budget.js';

/** Where the pipeline reports; pino's logger fits. */
export type TurnLogger = {
  error: (details: Record<string, unknown>, message: string) => void;
  warn: (details: Record<string, unknown>, message: string) => void;
};

/** What one read of the household for a turn found. */
export type HouseholdReadResult =
  /** The household, and what the consent gate hands out of the documents read. */
  | {
      status: 'ok';
      household: TurnHousehold;
      context: ConsentedContext;
      consent?: TurnConsent;
      /** The household document's offer fields (the offers engine decides from them). */
      offers?: TurnOfferState;
    }
  /** The token's generation is no longer current: the turn is anonymous (and the channel may refuse it). */
  | { status: 'revoked' }
  /** The household (or the device the channel also read) no longer exists. */
  | { status: 'gone' }
  /** The store did not answer within the budget, or failed: the turn goes on non-personally. */
  | { status: 'unavailable' };

/**
 * Reads the household and the context documents of `purposes` in ONE round trip
 * (channels fold their own lookups into it) and applies the consent gate.
 */
export type HouseholdRead = (
  purposes: readonly Purpose[],
  /** Of `purposes`, those whose documents are read (the rest: only whether they are granted). */
  documents?: readonly Purpose[],
) => Promise<HouseholdReadResult>;

/** What a turn needs from the app: built once, shared by every turn. */
export type TurnDeps = {
  language: LanguageData;
  logger?: TurnLogger;
  services?: SkillServices;
  /** Where writes go; without one, a handler's writes are refused (logged) and the reply stands. */
  effects?: EffectWriter;
  /** Where consent choices and served notices go; without one, nothing is asked and withdrawals are refused. */
  consent?: ConsentRecorder;
  /** The offers engine; without one, no offer is made. */
  offers?: TurnOffers;
};

/** One turn as a channel asks for it. */
export type TurnRequest = RawTurn & {
  /** How to read the turn's household; absent for an anonymous turn. */
  household?: HouseholdRead;
  requestId?: string;
  /** When the request arrived (`performance.now()`): what the channel spent before counts against the deadline. */
  startedAt?: number;
};

/** The reply, the normalised turn, and what became of the household read. */
export type TurnOutcome = {
  reply: Reply;
  turn: Turn;
  household: 'anonymous' | HouseholdReadResult['status'];
};

const builtInHandlers: Record<BuiltInIntent, Handler> = {
  'AMAZON.HelpIntent': (_turn, { t }) => ({ speech: t('help.speech') }),
  'AMAZON.StopIntent': (_turn, { t }) => ({ speech: t('stop.speech'), endSession: true, session: {} }),
  'AMAZON.CancelIntent': (_turn, { t }) => ({ speech: t('cancel.speech'), endSession: true, session: {} }),
  'AMAZON.FallbackIntent': (_turn, { t }) => ({
    speech: t('fallback.speech'),
    reprompt: t('fallback.reprompt'),
  }),
  'AMAZON.NavigateHomeIntent': (_turn, { t }) => ({
    speech: t('navigateHome.speech'),
    endSession: true,
    session: {},
  }),
  'AMAZON.YesIntent': (_turn, { t }) => ({ speech: t('yesNo.noQuestion') }),
  'AMAZON.NoIntent': (_turn, { t }) => ({ speech: t('yesNo.noQuestion') }),
};

const defaultLaunch: Handler = (_turn, { t }) => ({
  speech: t('launch.speech'),
  reprompt: t('launch.reprompt'),
});

/** The handler of a normalised intent (unknown names were already turned into the fallback). */
function handlerFor(
  skill: SkillDefinition,
  intent: string,
  question: QuestionDefinition | undefined,
): Handler {
  if (intent === LAUNCH) return skill.launch ?? defaultLaunch;
  // The answer to the question the last reply asked goes to that question.
  if (question && intent === 'AMAZON.YesIntent') return question.yes;
  if (question && intent === 'AMAZON.NoIntent') return question.no;
  if (isBuiltInIntent(intent)) return skill.builtIns?.[intent] ?? builtInHandlers[intent];
  const own = ownIntent(skill, intent);
  return own
    ? own.handle
    : (skill.builtIns?.['AMAZON.FallbackIntent'] ?? builtInHandlers['AMAZON.FallbackIntent']);
}

/** A draft completed into the Reply every channel renders; `question` is the one it asks, if the skill has it. */
function complete(
  turn: Turn,
  draft: ReplyDraft,
  used: Reply['used'],
  question?: string,
  offer?: PendingOffer,
): Reply {
  const endSession = draft.endSession ?? false;
  return {
    locale: turn.locale,
    speech: draft.speech,
    ssml: renderSsml(draft.speech),
    text: draft.text ?? draft.speech,
    ...(draft.card ? { card: draft.card } : {}),
    suggestions: draft.suggestions ?? [],
    ...(draft.reprompt !== undefined && !endSession
      ? { reprompt: draft.reprompt, repromptSsml: renderSsml(draft.reprompt) }
      : {}),
    endSession,
    session: endSession
      ? {}
      : withinBounds(
          withPendingOffer(withQuestion(draft.session ?? withoutElicitation(turn.session), question), offer),
        ),
    used,
  };
}

/**
 * The session a reply hands back must pass the same bounds as the next request's
 * (8 KB, 32 levels): one that would not starts afresh here, rather than making a
 * screen's next turn a 400 or a speaker silently forget it.
 */
function withinBounds(session: SessionState): SessionState {
  return sessionBoundsProblem(session) === undefined ? session : {};
}

const UNAVAILABLE: HouseholdReadResult = { status: 'unavailable' };

/** The household read under its budget: a slow or failing store makes the turn non-personal, never late. */
async function readHousehold(
  read: HouseholdRead,
  { consent, documents }: { consent: readonly Purpose[]; documents: readonly Purpose[] },
  budgetMs: number,
  warn: (why: string) => void,
): Promise<HouseholdReadResult> {
  return withDeadline(
    read(consent, documents).catch((error: unknown) => {
      warn(error instanceof Error ? error.name : 'error');
      return UNAVAILABLE;
    }),
    budgetMs,
    () => {
      warn('timeout');
      return UNAVAILABLE;
    },
  );
}

async function pipeline(
  skill: SkillDefinition,
  request: TurnRequest,
  deps: TurnDeps,
  startedAt: number,
): Promise<TurnOutcome> {
  const { language, logger } = deps;
  const first = normaliseTurn(skill, request);
  // The question the last reply asked is the runtime's: handlers see the session without it.
  const question = pendingQuestion(skill, first.turn.session);
  const consentQuestion = pendingConsentQuestion(first.turn.session);
  // So is the offer it asked about: a yes runs the offer's action, a no declines it.
  const offerAnswer = question || consentQuestion ? undefined : answerToOffer(skill, first.turn, deps.offers);
  const { turn: received, missing } =
    offerAnswer?.rewrite !== undefined
      ? normaliseTurn(skill, {
          ...request,
          intent: offerAnswer.rewrite.intent,
          slots: resolveSlots(
            skill,
            request.locale,
            offerAnswer.rewrite.intent,
            offerAnswer.rewrite.slots,
            language,
          ),
        })
      : first;
  const normalised: Turn = {
    ...received,
    session: withoutPendingOffer(withoutConsentQuestion(withoutQuestion(received.session))),
  };
  const fields = { requestId: request.requestId, skillId: skill.id, channel: request.channel };
  if (normalised.intent === SESSION_ENDED) {
    return {
      reply: complete(normalised, { speech: '', endSession: true }, []),
      turn: normalised,
      household: 'anonymous',
    };
  }

  // The handler only runs with every required slot: until then nothing personal is read.
  const declared = missing ? { consent: [], documents: [] } : declaredPurposes(skill, normalised.intent);
  // The purposes the intent's campaigns read join its one read (with offers and measurement, decided
  // from the household document); the handler's gate still hands out only what the intent declares.
  const offering =
    deps.offers !== undefined && request.household !== undefined && !missing
      ? deps.offers.hasCampaigns(skill.id, normalised.intent)
      : false;
  const purposes = offering
    ? withOfferPurposes(declared, deps.offers?.purposesFor(skill.id, normalised.intent))
    : declared;
  let read: HouseholdReadResult | undefined;
  if (request.household) {
    const remaining = TURN_DEADLINE_MS - (performance.now() - startedAt);
    const budget = Math.min(READ_BUDGET_MS, Math.max(0, remaining - HANDLER_RESERVE_MS));
    read = await readHousehold(request.household, purposes, budget, (why) =>
      logger?.warn({ ...fields, why }, 'household read too slow or failed; answering non-personally'),
    );
  }
  const household = read?.status === 'ok' ? read.household : undefined;
  const context = read?.status === 'ok' ? read.context : NOTHING_CONSENTED;
  const turn: Turn = household ? { ...normalised, household } : normalised;
  const status = read?.status ?? 'anonymous';
  const t = language.translator(skill.id, turn.locale);

  if (missing) {
    const prompt = t(missing.prompt);
    const gathered: { [key: string]: JsonValue } = {};
    for (const [name, value] of Object.entries(turn.slots)) if (value) gathered[name] = { ...value };
    const elicit: { [key: string]: JsonValue } = { intent: turn.intent, slot: missing.slot, slots: gathered };
    const draft = { speech: prompt, reprompt: prompt, session: { ...turn.session, [ELICIT_KEY]: elicit } };
    return { reply: complete(turn, draft, []), turn, household: status };
  }

  const gate = snapshotGate(context, declared.consent);
  const handlerContext: HandlerContext = {
    t,
    consent: gate.gate,
    services: deps.services ?? {},
    now: turn.now,
    locale: turn.locale,
    valueName: (type, id) => language.valueName(skill, turn.locale, type, id),
    ...(household && deps.offers && read?.status === 'ok' && recentOffer(read.offers, skill.id, turn.now)
      ? { lastOffer: lastOfferOf(deps.offers, household.id, read.offers) }
      : {}),
  };
  // An apology keeps the session as it came, the pending question with it: "yes" may be said again.
  const apology = () => apologyReply(language, skill, { locale: turn.locale, session: received.session });
  const consenting =
    household && read?.status === 'ok' && read.consent && deps.consent
      ? {
          turn,
          householdId: household.id,
          actor: read.consent.actor,
          recorder: deps.consent,
          brandId: skill.brandId,
          t,
        }
      : undefined;
  const answersConsent =
    consentQuestion !== undefined &&
    (turn.intent === 'AMAZON.YesIntent' || turn.intent === 'AMAZON.NoIntent');
  let draft: ReplyDraft;
  try {
    draft =
      answersConsent && consenting
        ? await answerConsentQuestion(consenting, consentQuestion, turn.intent === 'AMAZON.YesIntent')
        : offerAnswer?.answer === 'declined'
          ? { speech: t('offers.declined') }
          : await handlerFor(skill, turn.intent, answersConsent ? undefined : question)(turn, handlerContext);
    if (draft.consentChanges) {
      if (!consenting) throw new Error('consent changes without a household or a recorder');
      await commitConsentChanges(consenting, draft.consentChanges);
    }
  } catch (error) {
    logger?.error(
      { ...fields, err: error, intent: turn.intent, locale: turn.locale },
      'skill handler failed',
    );
    return { reply: apology(), turn, household: status };
  }
  // Asked and pointed to: only what the intent itself reads, never what a campaign would.
  const askable =
    consenting && !answersConsent && read?.status === 'ok'
      ? read.consent?.askable.filter((p) => declared.documents.includes(p))
      : undefined;
  const ask = askable?.[0];
  let askedNow: Purpose | undefined;
  if (
    consenting &&
    ask &&
    draft.question === undefined &&
    !draft.endSession &&
    !isCommonIntent(turn.intent)
  ) {
    askedNow = ask;
    draft = await askForConsent(consenting, language, draft, ask).catch((error: unknown) => {
      logger?.warn(
        { ...fields, err: error, intent: turn.intent },
        'could not serve a consent notice; not asking',
      );
      return draft;
    });
  }
  const pointable =
    consenting && !answersConsent && askedNow === undefined && read?.status === 'ok'
      ? read.consent?.pointable?.filter((p) => declared.documents.includes(p))[0]
      : undefined;
  if (
    consenting &&
    pointable &&
    draft.question === undefined &&
    !draft.endSession &&
    !isCommonIntent(turn.intent)
  ) {
    draft = await pointToPrivacyPage(consenting, draft, pointable).catch((error: unknown) => {
      logger?.warn({ ...fields, err: error, intent: turn.intent }, 'could not serve a notice; not telling');
      return draft;
    });
  }
  const asked =
    draft.question !== undefined && ownQuestion(skill, draft.question) ? draft.question : undefined;
  if (draft.question !== undefined && asked === undefined)
    logger?.warn(
      { ...fields, intent: turn.intent, question: draft.question },
      'reply asks an unknown question',
    );
  let offered: PendingOffer | undefined;
  if (offering && household && read?.status === 'ok' && read.offers && deps.offers && asked === undefined) {
    const outcome = deps.offers.consider({
      turn,
      brandId: skill.brandId,
      householdId: household.id,
      timeZone: household.timeZone,
      context,
      state: read.offers,
      cue: draft.offers,
    });
    const shown = outcome.shown;
    if (
      (await writeOfferDecisions(outcome, household.id, deps, request.requestId, (err) =>
        logger?.warn({ ...fields, err, intent: turn.intent }, 'could not record an offer; not showing it'),
      )) &&
      shown
    ) {
      // Its question is asked unless the reply ends the session or asks about consent.
      const asks = shown.accept !== undefined && !draft.endSession && askedNow === undefined;
      draft = withOffer(draft, shown, t, { requested: draft.offers?.requested ?? false, asks });
      if (asks) offered = { offerId: shown.offerId, campaignId: shown.campaignId };
    }
  }
  // A reply that keeps the session open always has something to say again: the skill's help.reprompt.
  if (draft.reprompt === undefined && !draft.endSession) draft = { ...draft, reprompt: t('help.reprompt') };

  if (draft.effects) {
    const written = await writeEffects(draft.effects, {
      context,
      householdId: household?.id,
      writer: deps.effects,
      warn: (details) =>
        logger?.warn(
          { ...fields, intent: turn.intent, ...details },
          'writes refused: purpose not granted or no household',
        ),
      requestId: request.requestId,
    });
    if (!written.ok) {
      logger?.error(
        { ...fields, err: written.error, intent: turn.intent },
        'writes before the reply failed; apologising',
      );
      return { reply: apology(), turn, household: status };
    }
  }
  // Its answer to the offer the last reply asked about, and the offers what the household just
  // did converts: recorded after the reply (its first read starts once the reply is on its way).
  const offers = deps.offers;
  const afterReply = (task: () => Promise<unknown>, failure: string) =>
    setImmediate(() =>
      task().catch((error: unknown) => logger?.warn({ ...fields, err: error, intent: turn.intent }, failure)),
    );
  if (offerAnswer && household && offers)
    afterReply(
      () => offers.recordAnswer(household.id, offerAnswer.offer.offerId, offerAnswer.answer, turn.now),
      'could not record an offer answer',
    );
  const converted = draft.offers?.converted;
  if (converted?.length && household && offers)
    afterReply(
      () => offers.recordConversions(household.id, converted, turn.now),
      'could not record a conversion',
    );
  return { reply: complete(turn, draft, gate.used(), asked, offered), turn, household: status };
}

/**
 * The turn's answer to the offer the last reply asked about: a yes runs the offer's action
 * (`rewrite`), the action itself (tapped, or said with the same values) accepts it, a no
 * declines it; anything else lets it lapse (undefined).
 */
function answerToOffer(
  skill: SkillDefinition,
  turn: Turn,
  offers: TurnOffers | undefined,
): { offer: PendingOffer; answer: 'accepted' | 'declined'; rewrite?: OfferAction } | undefined {
  const offer = offers ? pendingOffer(turn.session) : undefined;
  const action = offer && offers?.acceptAction(skill.id, offer.campaignId);
  if (!offer || !action) return undefined;
  if (turn.intent === 'AMAZON.NoIntent') return { offer, answer: 'declined' };
  if (turn.intent === 'AMAZON.YesIntent') return { offer, answer: 'accepted', rewrite: action };
  const same =
    turn.intent === action.intent &&
    Object.entries(action.slots).every(([name, id]) => {
      const slot = Object.hasOwn(turn.slots, name) ? turn.slots[name] : undefined;
      return slot !== undefined && (slot.id ?? slot.value) === id;
    });
  return same ? { offer, answer: 'accepted' } : undefined;
}

/** The intent's purposes with those its campaigns read, and the per-brand offer purposes. */
function withOfferPurposes(
  declared: { consent: readonly Purpose[]; documents: readonly Purpose[] },
  campaignReads: readonly Purpose[] | undefined,
): { consent: readonly Purpose[]; documents: readonly Purpose[] } {
  const reads = campaignReads ?? [];
  return {
    consent: [...new Set<Purpose>([...declared.consent, ...reads, 'offers', 'measurement'])],
    documents: [...new Set<Purpose>([...declared.documents, ...reads])],
  };
}

/** How long after an offer "why did you suggest that" is about it. */
const RECENT_OFFER_MS = 30 * 60 * 1000;

function recentOffer(state: TurnOfferState | undefined, skillId: string, now: Date): boolean {
  const last = state?.lastOffer;
  if (!last || last.skillId !== skillId) return false;
  const age = now.getTime() - Date.parse(last.at);
  return age >= 0 && age <= RECENT_OFFER_MS;
}

function lastOfferOf(offers: TurnOffers, householdId: string, state: TurnOfferState | undefined) {
  return async () => {
    const offerId = state?.lastOffer?.offerId;
    return offerId ? offers.explain(householdId, offerId) : undefined;
  };
}

/**
 * The engine's decisions to the writer: the shown offer's before the reply (false when that
 * fails: the offer is then not shown), the suppressed ones after it.
 */
async function writeOfferDecisions(
  outcome: OfferOutcome,
  householdId: string,
  deps: TurnDeps,
  requestId: string | undefined,
  warn: (error: unknown) => void,
): Promise<boolean> {
  const writer = deps.effects;
  if (!writer) return false;
  const write = (w: OfferOutcome['before'][number]): HouseholdWrite => ({ kind: 'offerDecision', ...w });
  if (outcome.after.length > 0) writer.defer(householdId, outcome.after.map(write), requestId);
  if (outcome.before.length === 0) return true;
  try {
    await writer.commit(householdId, outcome.before.map(write));
    return true;
  } catch (error) {
    warn(error);
    return false;
  }
}

/**
 * Hands a reply's writes to the writer: those permitted in this turn (granted
 * purposes, a household, a writer), the ones before the reply committed now,
 * the ones after queued. Refusals are reported through `warn`.
 */
async function writeEffects(
  effects: Effects,
  {
    context,
    householdId,
    writer,
    warn,
    requestId,
  }: {
    context: ConsentedContext;
    householdId: string | undefined;
    writer: EffectWriter | undefined;
    warn: (details: Record<string, unknown>) => void;
    requestId: string | undefined;
  },
): Promise<{ ok: true } | { ok: false; error: unknown }> {
  const allowed = (when: 'before' | 'after', writes: readonly HouseholdWrite[] | undefined) => {
    const { permitted, refused } = permittedWrites(writes, context);
    const nowhere = permitted.length > 0 && (householdId === undefined || writer === undefined);
    if (refused.length > 0 || nowhere) warn({ refused, when });
    return nowhere ? [] : permitted;
  };
  const before = allowed('before', effects.beforeReply);
  const after = allowed('after', effects.afterReply);
  if (householdId === undefined || writer === undefined) return { ok: true };
  if (before.length > 0) {
    try {
      await writer.commit(householdId, before);
    } catch (error) {
      return { ok: false, error };
    }
  }
  if (after.length > 0) writer.defer(householdId, after, requestId);
  return { ok: true };
}

/** Runs one turn of `skill` through the pipeline, within the turn deadline. Never throws. */
export async function runTurn(
  skill: SkillDefinition,
  request: TurnRequest,
  deps: TurnDeps,
): Promise<TurnOutcome> {
  const startedAt = request.startedAt ?? performance.now();
  const remaining = Math.max(0, TURN_DEADLINE_MS - (performance.now() - startedAt));
  const running = pipeline(skill, request, deps, startedAt).catch((error: unknown) => {
    deps.logger?.error(
      { requestId: request.requestId, skillId: skill.id, err: error },
      'turn pipeline failed',
    );
    return apologise();
  });
  /** The one apology, for a pipeline that failed or overran. */
  function apologise(): TurnOutcome {
    const { turn } = normaliseTurn(skill, request);
    return { reply: apologyReply(deps.language, skill, turn), turn, household: 'unavailable' };
  }
  return withDeadline(running, remaining, () => {
    deps.logger?.warn(
      { requestId: request.requestId, skillId: skill.id, intent: request.intent },
      'turn overran its deadline; apologising',
    );
    return apologise();
  });
}
