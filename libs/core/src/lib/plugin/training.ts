import { SchedulerOptionsError, ValidationError } from '../errors.js';
import { resolveOptions, type ResolvedOptions } from './options-schema.js';
import type { SchedulerPlugin, TrainingCapability } from './scheduler-plugin.js';

/**
 * Training parameters checked the way options are: against the plugin's schema (unknown keys refused, bounds,
 * defaults filled in), then its own cross-field limits. Throws SchedulerOptionsError naming every field at fault.
 */
export function resolveTrainingParameters(training: TrainingCapability, raw: unknown, path = 'parameters'): ResolvedOptions {
  const parameters = resolveOptions(training.parametersSchema, raw, path);
  const issues = (training.checkParameters?.(parameters) ?? []).map((issue) => ({ ...issue, path: issue.path.replace(/^\$/, path) }));
  if (issues.length > 0) throw new SchedulerOptionsError(issues, 'training parameters');
  return parameters;
}

/** The plugin's training capability, or a ValidationError saying that this scheduler does not learn. */
export function trainingOf(plugin: SchedulerPlugin, path = 'scheduler'): TrainingCapability {
  if (plugin.training) return plugin.training;
  throw new ValidationError([{ severity: 'error', path, message: `scheduler "${plugin.metadata.name}" does not learn: it has no training` }], 'scheduler');
}
