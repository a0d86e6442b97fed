import type { TokenSigner } from '../auth/token-signer.js';
import type { ConsentPolicy } from '../consent/consent-policy.js';
import type { TurnDeps } from '../runtime/run-turn.js';
import type { SkillRegistry } from '../runtime/skill-registry.js';
import type { DocumentStore } from '../store/document-store.js';

/** What a channel needs to turn a platform request into a pipeline turn. */
export type ChannelDeps = {
  store: DocumentStore;
  signer: TokenSigner;
  /** The domain clock (turn time). */
  clock: () => Date;
  consent: ConsentPolicy;
  skills: SkillRegistry;
  /** Language data, logger, services and the effect writer every turn shares. */
  turns: TurnDeps;
};
