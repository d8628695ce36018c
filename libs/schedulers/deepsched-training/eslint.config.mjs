// The workspace's own configuration is a file, not a project: the module-boundary rule does not apply to it.
// eslint-disable-next-line @nx/enforce-module-boundaries
import root from '../../../eslint.config.mjs';

// The root configuration's rule for specs under libs/schedulers/ lists constraints for type:scheduler projects only,
// so in this type:lib project every import in a spec was refused ("a project without tags matching at least one
// constraint"). Its specs get the constraints of a type:lib project, plus the shared test support. Remove this file
// once the root configuration covers type:lib projects under libs/schedulers/.
export default [
  ...root,
  {
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [{ sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib', 'type:scheduler', 'type:core', 'type:testing'] }],
        },
      ],
    },
  },
];
