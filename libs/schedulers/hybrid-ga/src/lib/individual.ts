import type { Chromosome } from './chromosome.js';

/**
 * A chromosome with its decoded schedule: the unit the population, the operators, the decoders and the worker
 * threads share. Its own module so that both decoders (TypeScript and WebAssembly) use it without importing
 * each other.
 */
export interface Individual extends Chromosome {
  /** position[t] = index of task t in `order`. */
  readonly position: Int32Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
}

export function createIndividual(n: number): Individual {
  return {
    order: new Int32Array(n),
    processorOf: new Int32Array(n),
    position: new Int32Array(n),
    start: new Float64Array(n),
    finish: new Float64Array(n),
  };
}

export function copyIndividual(from: Individual, to: Individual): void {
  to.order.set(from.order);
  to.processorOf.set(from.processorOf);
  to.position.set(from.position);
  to.start.set(from.start);
  to.finish.set(from.finish);
}
