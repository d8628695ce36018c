import { parseWorkflow, quoteId, type TaskSpec, type WorkflowSpec, describeValue, isPlainObject } from '@hetsched/core';
import { XMLParser, type XMLMetaData } from 'fast-xml-parser';
import { parseAdag } from './dax-xml.js';
import { FileDependencyEdges, type TaskFiles } from './file-edges.js';
import { ImportIssues, plural } from './import-issues.js';
import { parseDecimal } from './numbers.js';
import { optional } from '@hetsched/core';
import { LineIndex } from './text-position.js';
import { bytesPerUnit, type DataUnit } from './units.js';

export interface DaxImportOptions {
  /** Unit of edge data (decimal: 1 MB = 10^6 bytes); default MB. */
  dataUnit?: DataUnit;
}

export interface DaxImport {
  workflow: WorkflowSpec;
  /** Lossy but valid conversions, as sentences. */
  warnings: string[];
}

const WHAT = 'Pegasus DAX';

/**
 * Imports a Pegasus DAX (the XML of the Pegasus workflow generator, version 2.1: `<job id name runtime>` with
 * `<uses file link size>`, and `<child ref><parent ref/></child>`). A task's work is the job's runtime in seconds;
 * an edge's data is the size of the files the parent outputs and the child inputs. Faults are reported as a
 * ValidationError whose paths are XPaths (`/adag/job[3]/@runtime`) with the line in the message.
 */
export function importDax(xml: string, options: DaxImportOptions = {}): DaxImport {
  const unitBytes = bytesPerUnit(options.dataUnit);
  const adag = parseAdag(xml);
  const reader = new DaxReader(xml);
  const { tasks, files, missingSizes } = reader.readJobs(adag);
  const edges = new FileDependencyEdges((id) => files.get(id)!, unitBytes);
  reader.readDependencies(adag, files, edges);
  const { issues } = reader;
  issues.throwIfErrors(WHAT);

  const warning = edges.warning();
  if (warning) issues.warn(warning);
  if (missingSizes > 0) issues.warn(`${plural(missingSizes, 'file use')} without a size attribute: taken as 0 bytes`);
  const workflow: WorkflowSpec = { ...optional('name', attribute(adag, 'name')), tasks, edges: edges.edges };
  return { workflow: parseWorkflow(workflow, 'workflow imported from DAX'), warnings: issues.warnings };
}

/** Reads the parsed `<adag>`, recording each fault with its XPath and the line of its element. */
class DaxReader {
  readonly issues = new ImportIssues();
  private readonly lines: LineIndex;

  constructor(xml: string) {
    this.lines = new LineIndex(xml);
  }

  /** The jobs as tasks, and the files each writes (with sizes) and reads. */
  readJobs(adag: Record<string, unknown>) {
    const { issues } = this;
    const jobs = elements(adag, 'job');
    if (jobs.length === 0) issues.error('/adag', 'the DAX has no <job>: the workflow is empty');
    const files = new Map<string, TaskFiles>();
    const tasks: TaskSpec[] = [];
    let missingSizes = 0;
    jobs.forEach((job, k) => {
      const path = `/adag/job[${k + 1}]`;
      const id = attribute(job, 'id');
      if (id === undefined) {
        issues.error(`${path}/@id`, `a job${this.lineOf(job)} has no id`);
        return;
      }
      if (files.has(id)) {
        issues.error(`${path}/@id`, `duplicate job id ${quoteId(id)}${this.lineOf(job)}`, id);
        return;
      }
      const runtimeText = attribute(job, 'runtime');
      const runtime = runtimeText === undefined ? undefined : parseDecimal(runtimeText);
      if (runtime === undefined || runtime < 0) {
        const problem =
          runtimeText === undefined ? 'has no runtime attribute: its execution time is unknown' : `has runtime ${describeValue(runtimeText)}, not a number >= 0`;
        issues.error(`${path}/@runtime`, `job ${quoteId(id)}${this.lineOf(job)} ${problem}`, id);
      }
      const outputs = new Map<string, number>();
      const inputs = new Set<string>();
      elements(job, 'uses').forEach((uses, u) => {
        const usesPath = `${path}/uses[${u + 1}]`;
        // DAX 2.x names the file in `file`, DAX 3 in `name`.
        const file = attribute(uses, 'file') ?? attribute(uses, 'name');
        const link = attribute(uses, 'link');
        const sizeText = attribute(uses, 'size');
        const size = sizeText === undefined ? undefined : parseDecimal(sizeText);
        if (file === undefined) issues.error(`${usesPath}/@file`, `a <uses> of job ${quoteId(id)}${this.lineOf(uses)} names no file`, id);
        if (sizeText !== undefined && (size === undefined || size < 0)) {
          issues.error(`${usesPath}/@size`, `file size ${describeValue(sizeText)} of job ${quoteId(id)}${this.lineOf(uses)} is not a number >= 0`, id);
        }
        if (file === undefined) return;
        if (sizeText === undefined) missingSizes++;
        if (link === 'input' || link === 'inout') inputs.add(file);
        if (link === 'output' || link === 'inout') outputs.set(file, size ?? 0);
      });
      files.set(id, { outputs, inputs });
      tasks.push({ id, ...optional('name', attribute(job, 'name')), work: runtime ?? 0 });
    });
    return { tasks, files, missingSizes };
  }

  /** `<child ref><parent ref/></child>` into edges between known jobs. */
  readDependencies(adag: Record<string, unknown>, jobs: ReadonlyMap<string, unknown>, edges: FileDependencyEdges): void {
    const { issues } = this;
    elements(adag, 'child').forEach((child, c) => {
      const path = `/adag/child[${c + 1}]`;
      const childId = attribute(child, 'ref');
      if (childId === undefined || !jobs.has(childId)) {
        issues.error(`${path}/@ref`, `<child ref=${describeValue(childId ?? '')}>${this.lineOf(child)} names no job of the DAX`, childId);
        return;
      }
      elements(child, 'parent').forEach((parent, p) => {
        const parentId = attribute(parent, 'ref');
        const parentPath = `${path}/parent[${p + 1}]/@ref`;
        if (parentId === undefined || !jobs.has(parentId)) {
          issues.error(parentPath, `<parent ref=${describeValue(parentId ?? '')}>${this.lineOf(parent)} of job ${quoteId(childId)} names no job of the DAX`, childId);
        } else if (parentId === childId) {
          issues.error(parentPath, `job ${quoteId(childId)}${this.lineOf(parent)} is its own parent`, childId);
        } else {
          edges.add(parentId, childId);
        }
      });
    });
  }

  /** " (line 12)" for messages, when the parser recorded where the element starts. */
  private lineOf(element: Record<string, unknown>): string {
    const start = ((element as Record<symbol, unknown>)[METADATA] as XMLMetaData | undefined)?.startIndex;
    return start === undefined ? '' : ` (line ${this.lines.positionAt(start).line})`;
  }
}

// The typings declare the boxed `Symbol`; the value is a primitive symbol.
const METADATA = XMLParser.getMetaDataSymbol() as unknown as symbol;
const ATTRIBUTE_PREFIX = '@_';

/** The child elements named `name` (the parser gives '' for an element with neither attributes nor content). */
function elements(node: Record<string, unknown>, name: string): Record<string, unknown>[] {
  const value = node[name];
  if (value === undefined) return [];
  return (value as unknown[]).map((element) => (isPlainObject(element) ? element : {}));
}

function attribute(node: Record<string, unknown>, name: string): string | undefined {
  const value = node[ATTRIBUTE_PREFIX + name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
