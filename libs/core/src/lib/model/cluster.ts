/** The native cluster format (docs/formats.md). */
export interface ProcessorSpec {
  id: string;
  /** Relative speed; 1 when absent. A task's time is `work / speed` unless it gives an explicit cost. */
  speed?: number;
  cores?: number;
  memoryGb?: number;
  type?: string;
  [extra: string]: unknown;
}

export interface LinkSpec {
  /** The two processors the link joins; links are symmetric. */
  between: [string, string];
  bandwidth?: number;
  latency?: number;
  [extra: string]: unknown;
}

export interface NetworkSpec {
  /** Default bandwidth between two distinct processors; 1 when absent. */
  bandwidth?: number;
  /** Default latency between two distinct processors; 0 when absent. */
  latency?: number;
  /** Per-pair overrides of the defaults. */
  links?: LinkSpec[];
  [extra: string]: unknown;
}

export interface ClusterSpec {
  name?: string;
  processors: ProcessorSpec[];
  network?: NetworkSpec;
  [extra: string]: unknown;
}

export const DEFAULT_SPEED = 1;
export const DEFAULT_BANDWIDTH = 1;
export const DEFAULT_LATENCY = 0;
