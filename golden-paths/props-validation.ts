import { GroundworkError } from '../model/errors';
import { allOptions, GoldenPathDefinition, GoldenPathOption } from './golden-path-definition';

// Numbers as written: JSON would show Infinity (1e309 in a file) as null.
const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value));
const typeOf = (value: unknown) => (Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`);

/** Why one prop value breaks its option's rule, or undefined. Props may be numbers where flags are strings. */
export function propValueProblem(option: GoldenPathOption, value: unknown): string | undefined {
  if (option.objectKey && typeof value === 'boolean') return undefined;
  if (option.objectKey && value && typeof value === 'object' && !Array.isArray(value)) return propValueProblem({ ...option, objectKey: undefined }, (value as Record<string, unknown>)[option.objectKey] ?? option.choices?.[0]);
  switch (option.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${typeOf(value)}`;
    case 'integer': {
      const range = `a whole number from ${option.min} to ${option.max}`;
      if (typeof value !== 'number') return `must be ${range}, not ${typeOf(value)}`;
      return Number.isInteger(value) && (option.min === undefined || value >= option.min) && (option.max === undefined || value <= option.max) ? undefined : `must be ${range}`;
    }
    case 'integer-map': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return `must map environment names to whole numbers from ${option.min} to ${option.max}, not ${typeOf(value)}`;
      for (const [key, item] of Object.entries(value)) {
        const problem = propValueProblem({ ...option, type: 'integer' }, item);
        if (problem) return `has ${shown(item)} for ${key}, which ${problem}`;
      }
      return undefined;
    }
    case 'list': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return `must be a list of names, not ${typeOf(value)}`;
      if (option.max !== undefined && value.length > option.max) return `has ${value.length} entries, more than the ${option.max} allowed`;
      const twice = value.find((v, i) => value.indexOf(v) !== i);
      if (twice !== undefined) return `has ${shown(twice)} twice`;
      const bad = option.pattern ? value.find((v) => !option.pattern!.test(v)) : undefined;
      return bad === undefined ? undefined : `has ${shown(bad)}, which is not valid: ${option.description}`;
    }
    default: {
      if (typeof value !== 'string') return `must be a string, not ${typeOf(value)}`;
      if (!value.trim()) return 'must not be empty';
      if (option.choices && !option.choices.includes(value)) return `must be one of ${option.choices.join(', ')}`;
      if (option.pattern && !option.pattern.test(value)) return `is not valid: ${option.description}`;
      return option.check?.(value);
    }
  }
}

/** The value at a prop path such as `links.runbook`. */
const valueAt = (props: object, prop: string): unknown => prop.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), props);

/**
 * Checks a golden path's props against its definition at synth (synth does not type-check):
 * one sentence per problem, naming the service, the prop, the value and the rule.
 */
export function checkGoldenPathProps(definition: GoldenPathDefinition, service: string, props: object): void {
  const problems: string[] = [];
  for (const option of allOptions(definition)) {
    const value = valueAt(props, option.prop);
    if (value === undefined) {
      if (option.required) problems.push(`Service "${service}" (${definition.name}): prop ${option.prop} is required (${option.description}).`);
      continue;
    }
    const problem = propValueProblem(option, value);
    if (problem) problems.push(`Service "${service}" (${definition.name}): prop ${option.prop} is ${shown(value)}, which ${problem}.`);
  }
  if (problems.length) throw new GroundworkError(`Invalid props for service "${service}":`, problems);
}
