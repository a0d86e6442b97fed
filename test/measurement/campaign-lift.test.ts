import { describe, expect, it } from 'vitest';
import { createWeekTally, liftOf } from '../../src/measurement/touchpoint-cells.js';
import { cellEntries } from '../support/offer-log-fixture.js';

const scope = { brandId: 'frostline', week: '2026-W46' };
const AT = '2026-11-11T10:00:00.000Z';

/** The week's pooled lifts of `entries`. */
function liftsOf(entries: ReturnType<typeof cellEntries>) {
  const tally = createWeekTally(scope);
  for (const entry of entries) tally.add(entry);
  return { cells: tally.cells(), lifts: tally.lifts() };
}

describe("a campaign's lift of the week, pooled over channels and locales", () => {
  it('is shown once both sides reach 50 households in all, though no cell has 50 control households', () => {
    const entries = [
      ...cellEntries({
        prefix: 'fr',
        treated: 80,
        controls: 30,
        converted: 16,
        controlConverted: 3,
        at: AT,
        week: scope.week,
      }),
      ...cellEntries({
        prefix: 'de',
        treated: 70,
        controls: 25,
        converted: 14,
        controlConverted: 2,
        at: AT,
        week: scope.week,
        locale: 'de-DE',
        channel: 'alexa',
      }),
    ];
    const { cells, lifts } = liftsOf(entries);
    expect(cells.every((c) => !('lift' in c) || c.lift === undefined)).toBe(true);
    expect(lifts).toEqual([
      {
        campaignId: 'winter-soup',
        week: scope.week,
        households: 150,
        controlHouseholds: 55,
        lift: liftOf(30, 150, 5, 55),
      },
    ]);
  });

  it('is suppressed when either side has fewer than 50 households', () => {
    const fewControls = cellEntries({ prefix: 'a', treated: 200, controls: 49, at: AT, week: scope.week });
    expect(liftsOf(fewControls).lifts).toEqual([
      { campaignId: 'winter-soup', week: scope.week, suppressed: true },
    ]);
    const fewTreated = cellEntries({ prefix: 'b', treated: 49, controls: 80, at: AT, week: scope.week });
    expect(liftsOf(fewTreated).lifts).toEqual([
      { campaignId: 'winter-soup', week: scope.week, suppressed: true },
    ]);
  });
});
