export { createFakeRoot, markerModule, pluginModule, type FakePackage, type FakeRoot, type FakePluginSpec } from './fake-packages.js';
export { createPluginRoot, type PluginRootOptions } from './plugin-root.js';
