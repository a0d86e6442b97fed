import process from 'node:process';
import { findSkill, SKILLS } from '../../skills/index.js';
import { BRAND_ID, BrandExistsError, createBrand } from '../accounts/create-brand.js';
import { resolveSecret } from '../auth/secret.js';
import { createTokenSigner } from '../auth/token-signer.js';
import { commandArgs, usageError, withConfiguredStore } from './operator-command.js';

const USAGE = 'hearth brand create --id <brand-id> --name <name> --skill <skill-id>';

/**
 * `hearth brand create`: an operator registers a brand for one of the skills
 * this service serves and gets the brand's token, printed once (it is not
 * stored; a lost token is replaced by bumping the brand's generation). An
 * existing id is refused: exit code 1, and nothing printed on stdout.
 */
export async function run(args: string[]): Promise<number> {
  const usage = (message: string) => usageError('brand', USAGE, message);
  const parsed = commandArgs('brand', USAGE, args, {
    id: { type: 'string' },
    name: { type: 'string' },
    skill: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'create') return usage('expected "create"');
  const { id, skill } = values;
  const name = values.name?.trim();
  if (!id || !BRAND_ID.test(id)) return usage('--id: kebab-case, e.g. fresh-foods');
  if (!name || name.length > 120) return usage('--name: 1 to 120 characters');
  if (!skill || !findSkill(skill)) return usage(`--skill: one of ${SKILLS.map((s) => s.id).join(', ')}`);

  return withConfiguredStore('brand', { create: true }, async ({ config, store }) => {
    const signer = createTokenSigner({
      secret: await resolveSecret({
        ...(config.secret ? { configured: config.secret } : {}),
        dataDir: config.dataDir,
      }),
    });
    try {
      const { token } = await createBrand({ store, signer }, { id, name, skillId: skill });
      process.stdout.write(
        `created brand ${id} (skill ${skill})\ntoken (shown once, keep it secret): ${token}\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof BrandExistsError)) throw error;
      process.stderr.write(`hearth brand: ${error.message}: choose another id\n`);
      return 1;
    }
  });
}
