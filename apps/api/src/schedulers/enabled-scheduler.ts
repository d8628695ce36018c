import type { CatalogEntry, SchedulerCatalog } from '@hetsched/plugin-registry';
import { BadUserInputError } from '../common/errors.js';

/**
 * The catalog entry of the scheduler `name`, which a mutation argument (`argument`) asked for. Refused as
 * BAD_USER_INPUT naming the argument when it is not installed (listing the enabled ones) or disabled.
 */
export async function enabledScheduler(catalog: SchedulerCatalog, name: string, argument: string): Promise<CatalogEntry> {
  const entry = await catalog.find(name);
  if (!entry) {
    const available = (await catalog.list()).filter((e) => e.enabled).map((e) => e.plugin.metadata.name);
    throw new BadUserInputError(`${argument}: unknown scheduler "${name}"; available: ${available.join(', ') || '(none)'}`, [], { field: argument });
  }
  if (!entry.enabled) throw new BadUserInputError(`${argument}: scheduler "${name}" is disabled`, [], { field: argument });
  return entry;
}
