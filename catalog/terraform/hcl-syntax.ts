/**
 * hcl2json's JSON turned into Terraform's JSON configuration syntax, where the two differ, so a
 * .tf file and its hand-written .tf.json read the same: one body per labelled block, and the
 * arguments Terraform's JSON syntax takes as bare names or literals (`provider`, `providers`,
 * `depends_on`, `lifecycle`, a variable's `type` and `default`) without hcl2json's `${...}`.
 */
import { GroundworkError } from '../../model/errors';
import { Json, membersOf } from '../../model/json-object';

const LABELLED_TWICE = ['resource', 'data'] as const;
const LABELLED_ONCE = ['variable', 'output', 'module'] as const;

/** `${aws.west}` -> `aws.west`: a name written as an expression by hcl2json. */
const bareName = (value: unknown): unknown => (typeof value === 'string' ? value.replace(/^\$\{\s*([^{}]*?)\s*\}$/, '$1') : value);

/** A constant HCL value (a default, a tfvars value) as the literal it is: `$${` and `%%{` escapes undone. */
export function literalOf(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
  if (Array.isArray(value)) return value.map(literalOf);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literalOf(v)]));
  return value;
}

/** Whether a value hcl2json gave holds an expression (`${...}` not escaped): not a constant. */
export function holdsExpression(value: unknown): boolean {
  if (typeof value === 'string') return /(^|[^$])\$\{/.test(value) || /(^|[^%])%\{/.test(value);
  if (Array.isArray(value)) return value.some(holdsExpression);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
  return false;
}

function only(bodies: unknown, shown: string, what: string): Json {
  const list = Array.isArray(bodies) ? bodies : [bodies];
  if (list.length > 1) throw new GroundworkError(`${shown}: ${what} is declared ${list.length} times; Terraform allows one block of that name.`);
  return list[0] as Json;
}

function resourceBody(body: Json): Json {
  const out: Json = { ...body };
  if ('provider' in out) out.provider = bareName(out.provider);
  if (Array.isArray(out.depends_on)) out.depends_on = out.depends_on.map(bareName);
  if (Array.isArray(out.lifecycle)) {
    out.lifecycle = out.lifecycle.map((l: Json) => {
      const lifecycle = { ...l };
      for (const key of ['ignore_changes', 'replace_triggered_by']) if (Array.isArray(lifecycle[key])) lifecycle[key] = lifecycle[key].map(bareName);
      return lifecycle;
    });
  }
  return out;
}

function variableBody(body: Json): Json {
  const out: Json = { ...body };
  if ('type' in out) out.type = bareName(out.type);
  // A default is a constant: in Terraform's JSON syntax its strings are literal text.
  if ('default' in out) out.default = literalOf(out.default);
  return out;
}

function moduleBody(body: Json): Json {
  const out = resourceBody(body);
  if (out.providers && typeof out.providers === 'object') out.providers = Object.fromEntries(Object.entries(membersOf(out.providers)).map(([k, v]) => [k, bareName(v)]));
  return out;
}

/** One parsed .tf file in Terraform's JSON syntax (`shown` names it in errors). */
export function asTerraformJson(parsed: Json, shown: string): Json {
  const out: Json = { ...parsed };
  for (const block of LABELLED_TWICE) {
    if (!parsed[block]) continue;
    const types: Json = (out[block] = {});
    for (const [type, byName] of Object.entries(membersOf(parsed[block]))) {
      const names: Json = (types[type] = {});
      for (const [name, bodies] of Object.entries(membersOf(byName))) names[name] = resourceBody(only(bodies, shown, `${block === 'data' ? 'data.' : ''}${type}.${name}`));
    }
  }
  for (const block of LABELLED_ONCE) {
    if (!parsed[block]) continue;
    const names: Json = (out[block] = {});
    for (const [name, bodies] of Object.entries(membersOf(parsed[block]))) {
      const body = only(bodies, shown, `${block === 'variable' ? 'var' : block}.${name}`);
      names[name] = block === 'variable' ? variableBody(body) : block === 'module' ? moduleBody(body) : body;
    }
  }
  return out;
}
