/**
 * docs/privacy.md's retention table keeps up with the code: every top-level collection the
 * purge deletes on expiry has a row naming the purge, and every collection the erasure
 * searches outside `households/` is named on the page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPIRING_TOP_LEVEL } from '../../src/household/expired-documents.js';
import { NAMING_THE_HOUSEHOLD } from '../../src/privacy/naming-the-household.js';

const page = readFileSync('docs/privacy.md', 'utf8');
const rows = page.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));

describe('docs/privacy.md', () => {
  it.each(EXPIRING_TOP_LEVEL)(
    'has a retention row for %s/* that names the purge deleting it',
    (collection) => {
      const row = rows.find((r) => r.split('|')[1]?.includes(`\`${collection}/*\``));
      expect(row, `no row for ${collection}/*`).toBeDefined();
      expect(row?.split('|')[3]).toMatch(/deleteExpiredTopLevel|same/);
    },
  );

  it('names every collection the erasure searches outside households/', async () => {
    for (const naming of NAMING_THE_HOUSEHOLD) {
      const [collection] = await naming.collections({
        query: async () => [{ id: 'brand', path: 'brands/brand', exists: true, data: {} }],
      } as never);
      const shown = collection!.replace(/^brands\/brand\//, 'brands/*/');
      expect(page).toContain(`\`${shown}/*\``);
    }
  });
});
