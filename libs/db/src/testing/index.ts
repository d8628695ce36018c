export { createTestDatabase, testServerUrl, startTestServer, TEST_SERVER_ENV, type TestDatabase, type CreateTestDatabaseOptions } from './test-database.js';
export { largeWorkflow, clusterOf, seededRandom, exactDifference, type LargeWorkflowOptions } from '@hetsched/codec/testing';
