import { defineConfig } from 'vitest/config';
import { hetschedVitest } from '../vitest/shared-config.js';

// @nx/devkit's generateFiles calls require('ejs'). Under the shared config's "import" condition vitest hands it
// ejs's ESM build, whose namespace has no `render`; Nx runs generators under Node's require, so resolve as it does.
const config = hetschedVitest(import.meta.dirname, 'nx-plugin');
const requireConditions = ['@hetsched/source', 'node', 'require', 'default'];

export default defineConfig({ ...config, ssr: { ...config.ssr, resolve: { ...config.ssr?.resolve, conditions: requireConditions } } });
