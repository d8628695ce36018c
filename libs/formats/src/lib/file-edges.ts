import type { EdgeSpec } from '@hetsched/core';
import { plural } from './import-issues.js';

/** The files a task writes, with their sizes in bytes, and the files it reads. */
export interface TaskFiles {
  outputs: ReadonlyMap<string, number>;
  inputs: ReadonlySet<string>;
}

/**
 * The edges of an imported workflow. A dependency's data is the total size of the files the parent writes and
 * the child reads: what would cross the network if they ran on different machines. A dependency may be given
 * twice (as a parent of one task and a child of the other); it becomes one edge.
 */
export class FileDependencyEdges {
  readonly edges: EdgeSpec[] = [];
  private readonly seen = new Set<string>();
  private withoutSharedFile = 0;

  constructor(
    private readonly filesOf: (taskId: string) => TaskFiles,
    private readonly bytesPerUnit: number,
  ) {}

  /** Adds the dependency `from` -> `to` unless it is there already; both tasks must exist. */
  add(from: string, to: string): void {
    const key = `${from}\u0000${to}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const written = this.filesOf(from).outputs;
    let bytes = 0;
    let shared = false;
    for (const file of this.filesOf(to).inputs) {
      const size = written.get(file);
      if (size === undefined) continue;
      bytes += size;
      shared = true;
    }
    if (!shared) this.withoutSharedFile++;
    this.edges.push({ from, to, data: bytes / this.bytesPerUnit });
  }

  /** A warning when some dependencies carry no file (pure ordering constraints, data 0). */
  warning(): string | undefined {
    if (this.withoutSharedFile === 0) return undefined;
    return `${plural(this.withoutSharedFile, 'dependency', 'dependencies')} with no file written by the parent and read by the child: data 0 (ordering only)`;
  }
}
