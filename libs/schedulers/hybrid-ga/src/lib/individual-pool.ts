import { copyIndividual, type Individual } from './individual.js';

/** The shared memory of a pool, as posted to a worker thread. */
export interface PoolBuffers {
  taskCount: number;
  capacity: number;
  integers: SharedArrayBuffer;
  floats: SharedArrayBuffer;
  scores: SharedArrayBuffer;
}

/**
 * The population and its offspring in slots of shared memory, so that worker threads breed, decode and improve
 * individuals where they lie and the main thread only exchanges slot numbers with them. Each slot holds an
 * individual (order, processors, positions, start and finish times) and its two measures; `improved` marks the
 * slots the local search has already taken to a local optimum.
 */
export class IndividualPool {
  readonly individuals: Individual[];
  /** Makespan per slot. */
  readonly makespan: Float64Array;
  /** Sum of finish times per slot. */
  readonly finishSum: Float64Array;
  /** 1 when the local search found no improving move from this slot's individual. */
  readonly localOptimum: Float64Array;

  private constructor(readonly buffers: PoolBuffers) {
    const { taskCount: n, capacity } = buffers;
    this.individuals = Array.from({ length: capacity }, (_, slot) => ({
      order: new Int32Array(buffers.integers, (slot * 3 + 0) * n * 4, n),
      processorOf: new Int32Array(buffers.integers, (slot * 3 + 1) * n * 4, n),
      position: new Int32Array(buffers.integers, (slot * 3 + 2) * n * 4, n),
      start: new Float64Array(buffers.floats, (slot * 2 + 0) * n * 8, n),
      finish: new Float64Array(buffers.floats, (slot * 2 + 1) * n * 8, n),
    }));
    this.makespan = new Float64Array(buffers.scores, 0, capacity);
    this.finishSum = new Float64Array(buffers.scores, capacity * 8, capacity);
    this.localOptimum = new Float64Array(buffers.scores, capacity * 16, capacity);
  }

  static create(taskCount: number, capacity: number): IndividualPool {
    return new IndividualPool({
      taskCount,
      capacity,
      integers: new SharedArrayBuffer(capacity * 3 * taskCount * 4),
      floats: new SharedArrayBuffer(capacity * 2 * taskCount * 8),
      scores: new SharedArrayBuffer(capacity * 3 * 8),
    });
  }

  /** The same pool seen from another thread. */
  static attach(buffers: PoolBuffers): IndividualPool {
    return new IndividualPool(buffers);
  }

  get capacity(): number {
    return this.buffers.capacity;
  }

  copySlot(from: number, to: number): void {
    copyIndividual(this.individuals[from]!, this.individuals[to]!);
    this.makespan[to] = this.makespan[from]!;
    this.finishSum[to] = this.finishSum[from]!;
    this.localOptimum[to] = this.localOptimum[from]!;
  }
}
