// The workspace configuration, plus: never lint the generated Prisma client.
// eslint-disable-next-line @nx/enforce-module-boundaries
import root from '../../eslint.config.mjs';

export default [...root, { ignores: ['src/generated/**', 'tmp/**'] }];
