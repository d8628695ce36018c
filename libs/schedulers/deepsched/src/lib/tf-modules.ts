// Everything of this library that needs TensorFlow.js, gathered in one module that runtime.ts imports on first use.
// Nothing outside tf-modules.ts's own imports may import network.ts, train.ts, infer.ts, decode.ts or serialize.ts
// statically, or importing the package would load TensorFlow.js (the lazy-import spec checks it).
export { DeepSchedNetwork } from './network.js';
export { parseModel, serializeModel } from './serialize.js';
export { trainModel } from './train.js';
export { evaluateModel, scheduleWithModel } from './infer.js';
