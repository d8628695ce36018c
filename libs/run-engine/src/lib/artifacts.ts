import type { Store } from '@hetsched/db';

/**
 * The artifact kinds this host serves to plugins (context.artifacts.get(kind, id)), each from the model versions
 * of one plugin. The kind is the plugin's own constant (DEEPSCHED_MODEL_ARTIFACT in @hetsched/scheduler-deepsched;
 * a test checks they agree): naming it here keeps TensorFlow.js out of the processes that only serve the bytes.
 */
export const MODEL_ARTIFACT_KINDS: Readonly<Record<string, string>> = { 'deepsched-model': 'deepsched' };

/** Reads an artifact from the store: a stored model's bytes, or undefined (unknown kind, unknown id). */
export function storeArtifacts(store: Pick<Store, 'models'>): (kind: string, id: string) => Promise<Uint8Array | undefined> {
  return async (kind, id) => {
    const plugin = MODEL_ARTIFACT_KINDS[kind];
    if (plugin === undefined) return undefined;
    return (await store.models.data(id, plugin)) ?? undefined;
  };
}
