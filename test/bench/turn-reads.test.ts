import { describe, expect, it } from 'vitest';
import {
  sensitiveIntents,
  splitRoundTrips,
  type TurnReads,
  turnReadsTable,
  worstReads,
} from '../../bench/turn-reads.js';
import { SKILLS } from '../../skills/index.js';

const turn = (intent: string, roundTrips: number, documentsRead: number): TurnReads => ({
  skillId: 'fridge-chef',
  intent,
  roundTrips,
  commitsBeforeReply: 0,
  documentsRead,
  rpcs: { batchGetDocuments: roundTrips },
  roundTripsAfterReply: 0,
});

describe('worst Firestore reads per turn', () => {
  it('leaves the privacy-rights intents out of the skill intents and reports them apart', () => {
    const turns = [
      turn('Launch', 1, 1),
      turn('WhatCanICookIntent', 2, 3),
      turn('WhatDoYouKnowIntent', 4, 9),
      turn('WhyThisSuggestionIntent', 3, 2),
    ];
    expect(worstReads(turns)).toEqual({
      skillIntents: { roundTrips: 2, commitsBeforeReply: 0, documentsRead: 3 },
      privacyIntents: { roundTrips: 4, commitsBeforeReply: 0, documentsRead: 9 },
      sensitiveIntents: { roundTrips: 0, commitsBeforeReply: 0, documentsRead: 0 },
    });
  });

  it('reports the intents that read health once granted apart, by skill and intent', () => {
    const turns = [turn('Launch', 1, 1), turn('WhatCanICookIntent', 2, 3), turn('WhatDoYouKnowIntent', 4, 9)];
    const sensitive = sensitiveIntents(SKILLS, ['health']);
    expect(sensitive).toContain('fridge-chef/WhatCanICookIntent');
    expect(sensitive).not.toContain('fridge-chef/ExpiringSoonIntent');
    expect(worstReads(turns, undefined, sensitive)).toEqual({
      skillIntents: { roundTrips: 1, commitsBeforeReply: 0, documentsRead: 1 },
      privacyIntents: { roundTrips: 4, commitsBeforeReply: 0, documentsRead: 9 },
      sensitiveIntents: { roundTrips: 2, commitsBeforeReply: 0, documentsRead: 3 },
    });
  });

  it('takes the worst of each figure separately, and 0 for no turns', () => {
    const { skillIntents, privacyIntents } = worstReads([turn('A', 3, 1), turn('B', 1, 5)]);
    expect(skillIntents).toEqual({ roundTrips: 3, commitsBeforeReply: 0, documentsRead: 5 });
    expect(privacyIntents).toEqual({ roundTrips: 0, commitsBeforeReply: 0, documentsRead: 0 });
  });

  it('prints one aligned line per turn under a header', () => {
    const lines = turnReadsTable([turn('Launch', 1, 1), turn('WhatCanICookIntent', 2, 3)]);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^fridge-chef\s+WhatCanICookIntent\s+2\s+0\s+3\s+batchGetDocuments×2\s+0$/);
    expect(lines[1]?.indexOf('1')).toBe(lines[0]?.indexOf('reads'));
  });
});

describe("splitting a turn's RPCs", () => {
  it('counts commits of writes apart from the round trips that read', () => {
    expect(splitRoundTrips({ batchGetDocuments: 1, commit: 1 })).toEqual({ reads: 1, commits: 1 });
    expect(splitRoundTrips({ batchGetDocuments: 2, beginTransaction: 1, commit: 1, runQuery: 1 })).toEqual({
      reads: 3,
      commits: 2,
    });
    expect(splitRoundTrips({})).toEqual({ reads: 0, commits: 0 });
  });
});
