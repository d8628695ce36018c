import type { ArtifactSource, SchedulerPlugin } from '@hetsched/core';
import type { Store } from '@hetsched/db';

/**
 * What `context.artifacts` serves a plugin's run: the stored models of THAT plugin, by id, of the artifact kind its
 * training declares. A plugin cannot read another plugin's models, and no kind is named here: a learning scheduler
 * says what it produces and reads (plugin API 1.1).
 */
export function storeArtifacts(store: Pick<Store, 'models'>, plugin: SchedulerPlugin): ArtifactSource {
  const kind = plugin.training?.artifactKind;
  const name = plugin.metadata.name;
  return {
    get: async (requested, id) => (kind !== undefined && requested === kind ? ((await store.models.data(id, name)) ?? undefined) : undefined),
  };
}
