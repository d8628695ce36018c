import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultPluginRoot, PLUGIN_ROOT_ENV } from './plugin-root.js';

describe('defaultPluginRoot', () => {
  it('is the nearest folder above the host module whose node_modules holds @hetsched/core, whatever the cwd', () => {
    const top = mkdtempSync(path.join(tmpdir(), 'hetsched-root-'));
    try {
      mkdirSync(path.join(top, 'node_modules', '@hetsched', 'core'), { recursive: true });
      writeFileSync(path.join(top, 'node_modules', '@hetsched', 'core', 'package.json'), '{}');
      mkdirSync(path.join(top, 'apps', 'cli', 'dist'), { recursive: true });
      const host = pathToFileURL(path.join(top, 'apps', 'cli', 'dist', 'main.js')).href;
      expect(defaultPluginRoot(host, {})).toBe(top);
      expect(defaultPluginRoot(host, { [PLUGIN_ROOT_ENV]: 'elsewhere' })).toBe(path.resolve('elsewhere'));
      expect(defaultPluginRoot(host, { [PLUGIN_ROOT_ENV]: ' ' })).toBe(top);
    } finally {
      rmSync(top, { recursive: true, force: true });
    }
  });
});
