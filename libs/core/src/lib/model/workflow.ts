/**
 * The native workflow format (docs/formats.md): a DAG of tasks with data dependencies.
 * These are the plain-JSON shapes users write; `compileProblem` turns a validated pair
 * (workflow, cluster) into the typed-array form schedulers work on.
 */
export interface TaskSpec {
  id: string;
  /** Abstract work: the time on processor p is `work / speed(p)` unless `costs[p]` is given. */
  work?: number;
  /** Explicit execution time per processor id; overrides `work` for the processors it names. */
  costs?: Record<string, number>;
  memoryGb?: number;
  priority?: number;
  /** Any other field is allowed and kept as is. */
  [extra: string]: unknown;
}

export interface EdgeSpec {
  from: string;
  to: string;
  /** Data volume sent from `from` to `to`; 0 when absent. */
  data?: number;
  [extra: string]: unknown;
}

export interface WorkflowSpec {
  name?: string;
  tasks: TaskSpec[];
  edges: EdgeSpec[];
  [extra: string]: unknown;
}
