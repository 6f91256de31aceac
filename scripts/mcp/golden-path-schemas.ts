/**
 * Golden paths as MCP schemas: the `golden_paths` tool lists each path's options as data, and each
 * path's new-service tool takes exactly the options `npm run new-service` offers for it (zod bounds
 * the types and sizes; the values are validated by new-service's own code, planScaffold).
 */
import { z } from 'zod';
import { allOptions, GoldenPathDefinition, GoldenPathOption, operationsOf } from '../../golden-paths/golden-path-definition';
import { goldenPaths } from '../../golden-paths/registry';
import type { ScaffoldRequest } from '../scaffold-service';
import { MAX_TEXT, text, ToolSpec } from './tool-spec';

/** Options new-service offers for a path (prop-only ones are TypeScript API only). */
export const offeredOptions = (definition: GoldenPathDefinition): GoldenPathOption[] => allOptions(definition).filter((o) => !o.propOnly);

const described = (o: GoldenPathOption) =>
  `${o.description} (default: ${o.default}${o.min !== undefined ? `; ${o.min} to ${o.max}` : ''}${o.required ? '; required' : ''})`;

function optionSchema(o: GoldenPathOption): z.ZodType {
  const schema =
    o.type === 'boolean'
      ? z.boolean()
      : o.type === 'integer'
        ? z.number().int()
        : o.type === 'list'
          ? z.array(z.string().max(MAX_TEXT)).max(20)
          : o.choices
            ? z.enum(o.choices as [string, ...string[]])
            : z.string().max(MAX_TEXT);
  return (o.required ? schema : schema.optional()).describe(described(o));
}

/** The arguments of a path's new-service tool: the service's name, owner and tags, then the path's options by flag. */
export function newServiceInput(definition: GoldenPathDefinition) {
  return z.strictObject({
    name: text('service name: lowercase letters, digits and hyphens, a letter first'),
    owner: text('owning team, from stacks/organisation.json'),
    'cost-center': text("one of the team's cost centers (default: its first)").optional(),
    tags: z.record(z.string().max(63), z.string().max(MAX_TEXT)).optional().describe('organisation-defined ownership keys, e.g. {"data-classification": "internal"}'),
    ...Object.fromEntries(offeredOptions(definition).map((o) => [o.flag, optionSchema(o)])),
  });
}

/** A new-service tool's arguments as the request new-service builds from its flags. */
export function scaffoldRequest(definition: GoldenPathDefinition, args: Record<string, unknown>): ScaffoldRequest {
  const options: Record<string, string | boolean | undefined> = {};
  for (const o of offeredOptions(definition)) {
    const value = args[o.flag];
    if (value === undefined || value === false) continue;
    options[o.flag] = value === true ? true : Array.isArray(value) ? value.join(',') : String(value);
  }
  const tags = Object.entries((args.tags as Record<string, string> | undefined) ?? {}).map(([k, v]) => `${k}=${v}`);
  return { name: args.name as string, goldenPath: definition.name, owner: args.owner as string, costCenter: args['cost-center'] as string | undefined, tags, options };
}

const optionOutput = z.object({
  flag: z.string(),
  prop: z.string(),
  type: z.string(),
  description: z.string(),
  default: z.string(),
  required: z.boolean(),
  choices: z.array(z.string()).nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  pattern: z.string().nullable(),
});

export const goldenPathsTool: ToolSpec = {
  name: 'golden_paths',
  title: 'Golden paths and their options',
  description: 'Every golden path a new service can be made from: what it creates, the day-2 operations its services get, and the options new-service takes for it (type, default, choices, range, pattern), which are the arguments of its propose_new_<path> tool.',
  kind: 'read',
  input: z.strictObject({}),
  output: z.object({
    goldenPaths: z.array(z.object({ name: z.string(), className: z.string(), summary: z.string(), operations: z.array(z.string()), tool: z.string(), options: z.array(optionOutput) })),
  }),
  run: () => ({
    goldenPaths: goldenPaths().map((p) => ({
      name: p.name,
      className: p.className,
      summary: p.summary,
      operations: operationsOf(p),
      tool: newServiceToolName(p),
      options: offeredOptions(p).map((o) => ({
        flag: o.flag,
        prop: o.prop,
        type: o.type,
        description: o.description,
        default: o.default,
        required: o.required ?? false,
        choices: o.choices ? [...o.choices] : null,
        min: o.min ?? null,
        max: o.max ?? null,
        pattern: o.pattern?.source ?? null,
      })),
    })),
  }),
};

export const newServiceToolName = (definition: GoldenPathDefinition): string => `propose_new_${definition.name.replace(/-/g, '_')}`;
