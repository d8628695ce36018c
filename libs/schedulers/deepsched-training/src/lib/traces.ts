import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterSpec, WorkflowSpec } from '@hetsched/core';
import { importDax, importWfFormat } from '@hetsched/formats';

export interface LoadedTrace {
  /** File name inside the traces folder (relative, so sources and manifests carry no machine paths). */
  file: string;
  workflow: WorkflowSpec;
  /** The machines a WfFormat trace ran on; absent for DAX and for traces that list none. */
  cluster?: ClusterSpec;
}

/** The trace files of a folder and its subfolders, by relative path in code-point order (the same on every machine). */
export function listTraceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    throw new Error(`traces folder ${dir}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (error as Error).message}`, { cause: error });
  }
  const files = entries
    .filter((e) => e.isFile() && /\.(json|xml|dax)$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name).slice(dir.replace(/\/+$/, '').length + 1))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0) throw new Error(`traces folder ${dir}: no WfCommons JSON or Pegasus DAX files (*.json, *.xml, *.dax)`);
  return files;
}

/** Reads one trace; errors name the file. */
export function loadTrace(dir: string, file: string): LoadedTrace {
  const path = join(dir, file);
  try {
    const text = readFileSync(path, 'utf8');
    if (text.trimStart().startsWith('<')) return { file, workflow: importDax(text).workflow };
    const imported = importWfFormat(text);
    return { file, workflow: imported.workflow, ...(imported.cluster ? { cluster: imported.cluster } : {}) };
  } catch (error) {
    throw new Error(`trace ${path}: ${(error as Error).message}`, { cause: error });
  }
}
