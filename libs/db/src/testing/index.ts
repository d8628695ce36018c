export { createTestDatabase, testServerUrl, startTestServer, TEST_SERVER_ENV, type TestDatabase, type CreateTestDatabaseOptions } from './test-database.js';
export { largeWorkflow, clusterOf, seededRandom, type LargeWorkflowOptions } from './fixtures.js';
export { exactDifference } from './exact-equal.js';
