import type { DeviceKind } from '../../household/household-record.js';
import type { AppDeps } from '../../http/app-env.js';
import type { ScreenReply } from './screen-reply.js';
import { answerScreenTurn, type ScreenDevice } from './screen-turn.js';

/**
 * What an idle screen shows, as an ordinary turn of the device's skill: the
 * skill decides what is personal (through the consent gate), so the home card
 * turns personal when consent lands without the channel changing.
 */
export const HOME_INTENT: Record<DeviceKind, string> = {
  fridge: 'WhatCanICookIntent',
  'coffee-machine': 'CapsuleStockIntent',
};

/** The home card of a screen: a fresh session's turn of the intent its kind shows when idle. */
export function answerScreenHome(
  deps: Pick<AppDeps, 'consent' | 'logger' | 'clock'>,
  screen: ScreenDevice,
  { requestId }: { requestId?: string } = {},
): Promise<ScreenReply> {
  return answerScreenTurn(deps, screen, { intent: HOME_INTENT[screen.kind] }, requestId ? { requestId } : {});
}
