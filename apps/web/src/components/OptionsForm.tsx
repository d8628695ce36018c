import { boundsHint, type FormField, type FormValues } from '../lib/options-form.js';

/**
 * A form rendered from a scheduler's options schema (lib/options-form.ts): an input per option with its default,
 * bounds and description, groups as fieldsets, lists as comma-separated text. Values live in the parent.
 */
export function OptionsForm({ fields, values, errors, onChange, idPrefix }: { fields: readonly FormField[]; values: FormValues; errors: Record<string, string>; onChange(values: FormValues): void; idPrefix: string }) {
  if (fields.length === 0) return <p className="muted small">This scheduler has no options.</p>;
  return (
    <div className="options-form">
      {fields.map((field) => (
        <FieldInput key={field.path} field={field} values={values} errors={errors} onChange={onChange} idPrefix={idPrefix} />
      ))}
    </div>
  );
}

function FieldInput({ field, values, errors, onChange, idPrefix }: { field: FormField; values: FormValues; errors: Record<string, string>; onChange(values: FormValues): void; idPrefix: string }) {
  const id = `${idPrefix}-${field.path}`;
  if (field.kind === 'group') {
    return (
      <fieldset className="option-group">
        <legend>{field.label}</legend>
        {field.description ? <p className="muted small">{field.description}</p> : null}
        <OptionsForm fields={field.fields ?? []} values={values} errors={errors} onChange={onChange} idPrefix={idPrefix} />
      </fieldset>
    );
  }
  const set = (value: string | boolean) => onChange({ ...values, [field.path]: value });
  const value = values[field.path];
  const hint = boundsHint(field);
  const error = errors[field.path];
  return (
    <div className={error ? 'option invalid' : 'option'} data-testid={`option-${field.path}`}>
      <label htmlFor={id}>{field.label}</label>
      {field.kind === 'boolean' ? (
        <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
      ) : field.kind === 'enum' ? (
        <select id={id} value={String(value ?? '')} onChange={(e) => set(e.target.value)}>
          {field.default === undefined ? <option value="">(default)</option> : null}
          {field.choices?.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={field.kind === 'number' || field.kind === 'integer' ? 'number' : 'text'}
          step={field.kind === 'integer' ? 1 : 'any'}
          min={field.minimum}
          max={field.maximum}
          value={String(value ?? '')}
          placeholder={field.default !== undefined ? `default ${JSON.stringify(field.default)}` : ''}
          onChange={(e) => set(e.target.value)}
        />
      )}
      <div className="option-help">
        {hint ? <span className="badge">{hint}</span> : null} <span className="muted small">{field.description}</span>
      </div>
      {error ? <div className="field-error">{error}</div> : null}
    </div>
  );
}
