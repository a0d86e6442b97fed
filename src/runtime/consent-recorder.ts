/**
 * How a turn changes consent, without the runtime knowing the store: the
 * pipeline asks for a purpose when a skill first needs it (serving the notice,
 * recorded before the reply), records the answer to that question, and the
 * withdrawals and objection a reply asks for. Skill code can only ever
 * withdraw (`ReplyDraft.consentChanges`); a grant is made by the runtime
 * alone, as the answer to a notice this household was served.
 */
import type { Purpose } from './consent-gate.js';
import type { Locale } from './locales.js';
import type { Turn } from './turn.js';

/** The credential a turn came with: a link grant (speakers), a device (screens), the household's own token. */
export type ConsentActor = { kind: 'household' | 'device' | 'link'; id: string | null };

/** What the household read tells the pipeline about consent for this turn. */
export type TurnConsent = {
  /** Declared purposes not granted now that the skill may ask for (never asked on this notice version). */
  askable: readonly Purpose[];
  /**
   * Declared explicit-consent purposes (health) not granted, the household not yet told on
   * this notice version that it can set them on the privacy page: told once, never asked.
   */
  pointable?: readonly Purpose[];
  actor: ConsentActor;
};

/** Where a choice was made, in the ledger's terms. */
export function consentChannelOf(channel: Turn['channel']): 'voice' | 'screen' {
  return channel === 'screen' ? 'screen' : 'voice';
}

/** A choice made in a turn. */
export type TurnChoice = {
  purpose: Purpose;
  /** For per-brand purposes: the skill's brand. */
  brandId?: string;
  action: 'grant' | 'withdraw' | 'object';
  /** What the household said (the intent and the slots as heard). */
  input: string;
  /** For a grant: the notice served just before, which it answers. */
  noticeId?: string;
  skillId: string;
  locale: Locale;
  channel: 'voice' | 'screen';
  actor: ConsentActor;
};

/** A notice a turn serves (spoken or shown), exactly as served. */
export type ServedNotice = {
  purpose: Purpose;
  locale: Locale;
  channel: 'voice' | 'screen';
  text: string;
  skillId: string;
};

export interface ConsentRecorder {
  /** The current notice version of a purpose. */
  noticeVersion(purpose: Purpose): number;
  /** Records a notice served, and that this skill asked for its purpose on this version; answers its id. */
  serveNotice(householdId: string, notice: ServedNotice): Promise<string>;
  /** Appends choices to the ledger (in order); resolves once they are committed. */
  choose(householdId: string, choices: readonly TurnChoice[]): Promise<void>;
}

/** What a reply asks to change: withdrawals of purposes (for the skill's brand where per brand), an objection. */
export type ConsentChanges = {
  withdraw?: readonly Purpose[];
  /** Object to direct marketing (GDPR art. 21): no offers from any brand. */
  objectToMarketing?: boolean;
};

/** Session key of the consent question a reply asked: the purpose and the notice served. */
export const CONSENT_QUESTION_KEY = '_consent';
