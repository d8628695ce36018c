// Public API of @hetsched/api: start the server in-process (tests, embedding) and build or print its schema.
import 'reflect-metadata';
export { createApiServer, type ApiServer, type ApiServerOptions } from './server/create-api-server.js';
export { DEFAULT_LIMITS, type ApiLimits } from './server/config.js';
export { buildApiSchema, printApiSchema } from './schema/build-schema.js';
export { hashToken, generateToken } from './auth/api-token.service.js';
export { Role } from './common/role.js';
