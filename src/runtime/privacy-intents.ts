/**
 * The privacy intents every skill answers (why this suggestion, what do you
 * know, stop using my data, stop all offers), built on the consent gate so a
 * skill only says what it really reads. Responses live in the skill's own
 * namespace under `privacy.*` and `dataKinds.*` so each brand keeps its voice.
 */
import { isPurpose, PURPOSES, type Purpose } from './consent-gate.js';
import type { OfferExplanation } from './offer-port.js';
import {
  type CommonIntent,
  defineIntent,
  type IntentDefinition,
  type Translate,
} from './skill-definition.js';
import type { SessionState } from './turn.js';

/** Session key where a handler records why it suggested what it suggested (read by WhyThisSuggestionIntent). */
export const LAST_SUGGESTION_KEY = 'lastSuggestion';

/** What a skill records about its last suggestion: a response key (and values) explaining it, and the purposes it used. */
export type SuggestionReason = { key: string; values?: Record<string, string>; purposes: Purpose[] };

/** Store the reason for the suggestion just made in the next session state. */
export function rememberSuggestion(session: SessionState, reason: SuggestionReason): SessionState {
  return {
    ...session,
    [LAST_SUGGESTION_KEY]: { key: reason.key, values: reason.values ?? {}, purposes: reason.purposes },
  };
}

/**
 * A reason key as a skill writes it: its own `why.*` keys, dotted words only.
 * The session comes back from the client (screens, Dialogflow), so no `:` that
 * would name another skill's namespace, and nothing outside `why.`.
 */
const REASON_KEY = /^why(\.[A-Za-z][A-Za-z0-9_]{0,63}){1,3}$/;
/** A value name the responses interpolate (`{{ingredient}}`). */
const VALUE_NAME = /^[a-zA-Z]\w{0,30}$/;
const MAX_VALUE_CHARS = 100;
const MAX_VALUES = 5;

/**
 * The reason recorded in a session, if it is one this skill could have written:
 * a `why.*` key, a few short string values (which only ever interpolate), and
 * only the skill's own purposes. Anything else is treated as no suggestion.
 */
function recalledSuggestion(
  session: SessionState,
  skillPurposes: readonly Purpose[],
): SuggestionReason | undefined {
  const value = session[LAST_SUGGESTION_KEY];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (typeof value.key !== 'string' || !REASON_KEY.test(value.key)) return undefined;
  const values: Record<string, string> = {};
  if (value.values && typeof value.values === 'object' && !Array.isArray(value.values)) {
    const safe = Object.entries(value.values).filter(
      (entry): entry is [string, string] =>
        VALUE_NAME.test(entry[0]) && typeof entry[1] === 'string' && entry[1].length <= MAX_VALUE_CHARS,
    );
    for (const [k, v] of safe.slice(0, MAX_VALUES)) values[k] = v;
  }
  const recorded = Array.isArray(value.purposes) ? (value.purposes as unknown[]) : [];
  const purposes = PURPOSES.filter((p) => skillPurposes.includes(p) && recorded.includes(p));
  return { key: value.key, values, purposes };
}

/** Purposes a skill's "stop using my data" may name: every one not granted per brand (offers have their own intent). */
const WITHDRAWABLE: readonly Purpose[] = PURPOSES.filter((p) => p !== 'offers' && p !== 'measurement');

/** Localised label of a purpose ("your fridge contents"), from the skill's `dataKinds.*` keys. */
export function dataKindLabel(t: Translate, purpose: Purpose): string {
  return t(`dataKinds.${purpose}`);
}

/** Join labels as a spoken list ("a, b and c") with the skill's `list` response. */
export function joinList(t: Translate<'list'>, labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  return t('list', { items: labels.slice(0, -1).join(', '), last: labels.at(-1) ?? '' });
}

/** "I suggested X because ...; it is (a sponsored) offer from B; for it I used ...": from the offer log. */
export function explainOffer(explanation: OfferExplanation, t: Translate): string {
  const brand = t('brandName');
  const offer = t(explanation.title, { brand });
  const reason = t(explanation.rule, { brand });
  const kind = explanation.sponsored ? t('offers.kindSponsored', { brand }) : t('offers.kindOwn', { brand });
  const data = explanation.purposes.filter((p) => p !== 'offers').map((p) => dataKindLabel(t, p));
  return data.length
    ? t('privacy.whyOffer', { offer, reason, kind, data: joinList(t, data) })
    : t('privacy.whyOfferNoData', { offer, reason, kind });
}

/**
 * The four privacy intents for a skill that may read `purposes` (its context
 * purposes, in the order it lists them). Offers are the brand's `offers` purpose.
 */
export function privacyIntents(purposes: readonly Purpose[]): Record<CommonIntent, IntentDefinition> {
  return {
    WhyThisSuggestionIntent: defineIntent({
      handle: async (turn, { t, lastOffer }) => {
        // An offer shown lately is explained from the offer log, never from what the session says.
        const offer = await lastOffer?.();
        if (offer) return { speech: explainOffer(offer, t) };
        const reason = recalledSuggestion(turn.session, purposes);
        if (!reason) return { speech: t('privacy.nothingSuggested') };
        const because = t(reason.key, reason.values);
        const used = reason.purposes.map((p) => dataKindLabel(t, p));
        const speech = used.length
          ? t('privacy.whyPersonal', { reason: because, data: joinList(t, used) })
          : t('privacy.whyGeneral', { reason: because });
        return { speech };
      },
    }),
    WhatDoYouKnowIntent: defineIntent({
      // The documents too: the answer says what it holds, not only that it may.
      purposes,
      handle: async (_turn, { t, consent }) => {
        const { granted, documents } = await consent.read(purposes);
        if (!granted.length) return { speech: t('privacy.knowNothing') };
        const labels = granted.map((p) => dataKindLabel(t, p));
        const details = [
          documents.inventory && t('privacy.detailInventory', { count: documents.inventory.items.length }),
          documents.consumption &&
            t('privacy.detailConsumption', { count: Object.keys(documents.consumption.capsules).length }),
          documents.preferences &&
            t('privacy.detailShoppingList', { count: documents.preferences.shoppingList.length }),
          documents.health &&
            (documents.health.diets.length > 0 || documents.health.allergens.length > 0) &&
            t('privacy.detailHealth'),
        ].filter((d): d is string => typeof d === 'string');
        return {
          speech: t('privacy.knowDetails', { data: joinList(t, labels), details: details.join(' ') }),
        };
      },
    }),
    StopUsingMyDataIntent: defineIntent({
      slots: { dataKind: { type: 'DataKind' } },
      // Any of the household's data may be named ("my coffee data" to the fridge's skill): withdrawing is never
      // the skill's to refuse. Only whether each is granted is read, no document.
      consentOf: WITHDRAWABLE,
      handle: async (turn, { t, consent }) => {
        const asked = turn.slots.dataKind?.id;
        const targets = isPurpose(asked) && WITHDRAWABLE.includes(asked) ? [asked] : [...purposes];
        const { granted } = await consent.read(targets);
        const one = targets.length === 1 && targets[0] ? dataKindLabel(t, targets[0]) : undefined;
        if (!granted.length) return { speech: t('privacy.notUsing', { data: one ?? t('privacy.yourData') }) };
        return {
          speech: one ? t('privacy.withdrawn', { data: one }) : t('privacy.withdrawnAll'),
          consentChanges: { withdraw: granted },
        };
      },
    }),
    StopAllOffersIntent: defineIntent({
      // The objection to direct marketing (art. 21) is absolute: recorded whatever was granted before.
      handle: async (turn, { t }) =>
        // Without a household (no linked account) there is nobody to object for, and no offer to stop.
        turn.household
          ? {
              speech: t('privacy.offersStopped', { brand: t('brandName') }),
              consentChanges: { objectToMarketing: true },
            }
          : { speech: t('privacy.knowNothing') },
    }),
  };
}
