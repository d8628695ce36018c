export {
  encodeWorkflow,
  decodeWorkflow,
  encodeCluster,
  decodeCluster,
  encodeAssignments,
  decodeAssignments,
  DOCUMENT_FORMAT,
} from './lib/workflow-codec.js';
export { DocumentFormatError } from './lib/document-codec.js';
export { contentHash } from './lib/content-hash.js';
export { stringifyExact, parseExact, toExactJson, fromExactJson, exactJsonParameter, setOwn } from './lib/exact-json.js';
