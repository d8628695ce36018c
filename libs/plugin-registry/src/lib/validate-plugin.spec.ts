import { SCHEDULER_PLUGIN_API_VERSION, type SchedulerPlugin } from '@hetsched/core';
import { describe, expect, it } from 'vitest';
import { isPlainPackageName } from './package-name.js';
import { isApiVersionSupported, pickPluginExport, validateSchedulerPlugin } from './validate-plugin.js';

const valid: SchedulerPlugin = {
  metadata: {
    name: 'my-scheduler',
    version: '0.1.0-beta.1',
    description: 'test',
    apiVersion: `^${SCHEDULER_PLUGIN_API_VERSION}`,
    capabilities: { progress: true, cancellable: true, deterministic: false, maxProcessors: 8 },
  },
  optionsSchema: {
    type: 'object',
    properties: {
      seed: { type: 'integer', description: 'seed' },
      rule: { type: 'string', description: 'rule', enum: ['a', 'b'], default: 'a' },
    },
    additionalProperties: false,
  },
  schedule: () => Promise.reject(new Error('unused')),
};
const withMetadata = (metadata: Record<string, unknown>) => ({ ...valid, metadata: { ...valid.metadata, ...metadata } });

describe('validateSchedulerPlugin', () => {
  it('accepts a well-formed plugin, including a class instance', () => {
    expect(validateSchedulerPlugin(valid)).toEqual([]);
    class Impl {
      readonly metadata = valid.metadata;
      readonly optionsSchema = valid.optionsSchema;
      schedule() {
        return Promise.reject(new Error('unused'));
      }
    }
    expect(validateSchedulerPlugin(new Impl())).toEqual([]);
  });

  it.each([
    // The host is at 1.1.0: plugins written against 1.0 with a caret range keep loading; an exact pin does not.
    ['1.0.0', false],
    ['^1.0.0', true],
    ['^1.1.0', true],
    ['1.x', true],
    ['>=1.0.0 <2.0.0', true],
    ['*', true],
    ['^1.2.0', false],
    ['^2.0.0', false],
    ['~0.9.0', false],
    ['', false],
    ['  ', false],
    ['latest', false],
  ])('apiVersion %j supported: %s', (range, supported) => {
    expect(isApiVersionSupported(range)).toBe(supported);
    expect(validateSchedulerPlugin(withMetadata({ apiVersion: range })).length === 0).toBe(supported);
  });

  const training = {
    parametersSchema: { type: 'object', properties: { epochs: { type: 'integer', description: 'epochs', default: 3, minimum: 1 } } },
    artifactKind: 'toy-model',
    train: async () => ({ artifact: null, info: {} }),
  };

  it('accepts a training capability (plugin API 1.1) and its artifact option', () => {
    const withModel = { ...valid, optionsSchema: { type: 'object', properties: { model: { type: 'string', description: 'model id', default: 'builtin' } } } };
    expect(validateSchedulerPlugin({ ...withModel, training: { ...training, artifactOption: { name: 'model', builtIn: ['builtin'] } } })).toEqual([]);
  });

  it.each([
    [null, /must be an object with metadata, optionsSchema and schedule, got null/],
    [[], /got an array/],
    [{ ...valid, metadata: 'x' }, /metadata must be an object, got "x"/],
    [withMetadata({ name: 3 }), /metadata\.name must be a string, got 3/],
    [withMetadata({ name: 'a'.repeat(65) }), /is longer than 64 characters/],
    [withMetadata({ version: 'v1' }), /metadata\.version must be a semver version/],
    [withMetadata({ description: undefined }), /metadata\.description must be a string/],
    [withMetadata({ capabilities: null }), /metadata\.capabilities must be an object/],
    [withMetadata({ capabilities: { progress: true, cancellable: true, deterministic: true, maxProcessors: 2.5 } }), /maxProcessors must be an integer >= 1/],
    [{ ...valid, optionsSchema: undefined }, /optionsSchema: the options schema must be/],
    [{ metadata: valid.metadata, schedule: valid.schedule }, /optionsSchema is missing/],
    [{ ...valid, optionsSchema: { type: 'object', properties: { x: { type: 'array', description: 'x' } } } }, /option "x" is a list whose items are not/],
    [{ ...valid, optionsSchema: { type: 'object', properties: { x: { type: 'set', description: 'x' } } } }, /option "x" has unsupported type "set"/],
    [{ ...valid, training: 'yes' }, /training must be an object when given, got "yes"/],
    [{ ...valid, training: { ...training, parametersSchema: undefined } }, /training\.parametersSchema: the options schema must be/],
    [{ ...valid, training: { ...training, artifactKind: 'My Model' } }, /training\.artifactKind must be lower-case words/],
    [{ ...valid, training: { ...training, train: undefined } }, /training\.train must be a function/],
    [{ ...valid, training: { ...training, describeArtifact: 3 } }, /training\.describeArtifact must be a function when given/],
    [{ ...valid, training: { ...training, artifactOption: { name: 'nope' } } }, /training\.artifactOption\.name must name a string option of optionsSchema, got "nope"/],
    [{ ...valid, training: { ...training, artifactOption: { name: 'model', builtIn: [1] } } }, /training\.artifactOption\.builtIn must be a list of strings/],
    [{ ...valid, optionsSchema: { type: 'object', properties: { x: { type: 'number', description: 'x', maximum: 'big' } } } }, /option "x" has a maximum that is not a finite number: "big"/],
    [{ ...valid, optionsSchema: { type: 'object', properties: { x: { type: 'string', description: 'x', enum: [] } } } }, /option "x" has an enum that is not a non-empty list of strings/],
    [{ ...valid, optionsSchema: { type: 'object', properties: {}, additionalProperties: true } }, /additionalProperties must be false or absent/],
    [{ ...valid, schedule: undefined }, /schedule must be a function, got undefined/],
  ])('refuses %j', (candidate, message) => {
    const problems = validateSchedulerPlugin(candidate);
    expect(problems.join('\n')).toMatch(message);
  });
});

describe('pickPluginExport', () => {
  it('prefers a default export that looks like a plugin', () => {
    expect(pickPluginExport({ default: valid, heftPlugin: { metadata: {} } })).toEqual({ exportName: 'default', plugin: valid });
  });

  it('falls back to the one named *Plugin export (the same object under two names counts once)', () => {
    expect(pickPluginExport({ default: { fooPlugin: valid }, fooPlugin: valid, barPlugin: valid, helper: 1 })).toEqual({ exportName: 'barPlugin', plugin: valid });
    expect(pickPluginExport({ heftPlugin: valid, heftOptions: {} })).toEqual({ exportName: 'heftPlugin', plugin: valid });
  });

  it('explains what is missing or ambiguous', () => {
    expect(pickPluginExport({ aPlugin: valid, bPlugin: { ...valid } })).toEqual({ problem: expect.stringMatching(/several plugins \(aPlugin, bPlugin\)/) });
    expect(pickPluginExport({})).toEqual({ problem: expect.stringMatching(/\(exports: none\)/) });
    expect(pickPluginExport(undefined)).toEqual({ problem: expect.stringMatching(/exports nothing usable/) });
  });
});

describe('isPlainPackageName', () => {
  it.each(['heft', 'my-scheduler', '@hetsched/scheduler-heft', 'a.b_c~d', '@a/b', '~tilde'])('accepts %j', (name) => {
    expect(isPlainPackageName(name)).toBe(true);
  });
  it.each(['./x', 'x/y', '@a', '@a/', '@/b', '.x', '_x', 'X', 'file:x', 'http://x', 'x@1', '@a/b/c', ' x', 'x ', 'a\\b', 42, null, 'a'.repeat(215)])(
    'refuses %j',
    (name) => {
      expect(isPlainPackageName(name)).toBe(false);
    },
  );
});
