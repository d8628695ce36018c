import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, selectBackend } from './backend.js';

describe('backend selection', () => {
  it('falls back from the absent native packages to wasm, recording why each was skipped', async () => {
    const lines: string[] = [];
    const info = await initBackend((line) => lines.push(line));
    // On a machine where tfjs-node installs, the first entries succeed instead; this project's machines lack it.
    expect(info.name).toBe(tf.getBackend());
    if (info.name === 'wasm') {
      expect(info.tried).toEqual([
        { name: 'tensorflow-gpu', error: expect.stringMatching(/@tensorflow\/tfjs-node-gpu/) },
        { name: 'tensorflow', error: expect.stringMatching(/@tensorflow\/tfjs-node/) },
        { name: 'wasm' },
      ]);
      expect(info.reason).toBe('first that loaded; not available: tensorflow-gpu, tensorflow');
    }
    expect(await initBackend()).toBe(info); // idempotent: one choice per process
  });

  it('honours a forced backend, and fails clearly when the forced one cannot load', async () => {
    await expect(selectBackend('cpu')).resolves.toMatchObject({ name: 'cpu', reason: 'forced by HETSCHED_TF_BACKEND=cpu' });
    await expect(selectBackend('WASM')).resolves.toMatchObject({ name: 'wasm' });
    await expect(selectBackend('tensorflow')).rejects.toThrow(/HETSCHED_TF_BACKEND=tensorflow: the tensorflow backend cannot be loaded: .*tfjs-node/);
    await expect(selectBackend('tpu')).rejects.toThrow(/HETSCHED_TF_BACKEND="tpu" names no backend; use one of tensorflow-gpu, node-gpu, gpu, tensorflow, node, wasm, cpu/);
  });
});
