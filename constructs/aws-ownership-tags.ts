import { Aspects, IAspect, TerraformResource, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { awsTagProblems } from '../model/tag-limits';
import type { Ownership } from './ownership';
import { RUNS_BEFORE_PREPARE } from '../model/aspect-timing';

type TaggableResource = TerraformResource & { tags?: Record<string, string>; tagsInput?: Record<string, string> };

/**
 * Whether a resource takes a `tags` map. Read from the generated provider class itself (it has a
 * `tags` setter exactly when the provider schema has a `tags` argument), not from a list.
 */
export function isTaggableAwsResource(node: IConstruct): node is TaggableResource {
  if (!TerraformResource.isTerraformResource(node) || !node.terraformResourceType.startsWith('aws_')) return false;
  for (let proto = Object.getPrototypeOf(node); proto && proto !== TerraformResource.prototype; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'tags');
    if (descriptor) return typeof descriptor.set === 'function';
  }
  return false;
}

/** A resource's own tags as given by its author (before stamping), or undefined. */
function ownTags(resource: TaggableResource): Record<string, string> | undefined {
  return resource.tagsInput;
}

/**
 * Stamps the per-service ownership keys on every taggable AWS resource in its scope. A resource's
 * own tags may add keys but may not contradict an ownership key; the environment-wide keys come
 * from the provider's default_tags and are checked for contradictions here too.
 */
export class AwsOwnershipTags implements IAspect {
  /** Touches only taggable AWS / Kubernetes resources, never what cdktf's prepare step adds. */
  readonly [RUNS_BEFORE_PREPARE] = true;

  constructor(
    private readonly ownership: Ownership,
    private readonly defaultTags: Readonly<Record<string, string>>,
  ) {}

  visit(node: IConstruct): void {
    if (!isTaggableAwsResource(node)) return;
    const own = ownTags(node);
    const problems: string[] = [];
    if (own !== undefined && Token.isUnresolved(own)) {
      problems.push('has tags given as an unresolved reference; give tags as a literal map so ownership can be checked');
    } else {
      const stamped = this.ownership.awsTags();
      const expected: Record<string, string> = { ...this.defaultTags, ...stamped };
      for (const [key, value] of Object.entries(own ?? {})) {
        if (key in expected && value !== expected[key]) {
          problems.push(`sets tag "${key}" to "${value}", which contradicts its ownership ("${key}" is "${expected[key]}"); remove the tag or change the ownership of the service`);
        }
      }
      const merged = { ...(own ?? {}), ...stamped };
      problems.push(...awsTagProblems({ ...merged, ...this.defaultTags }));
      node.tags = merged;
    }
    if (problems.length) node.node.addValidation({ validate: () => problems.map((p) => `AWS resource ${node.terraformResourceType} ${p}.`) });
  }
}

/** What each scope stamps, so a construct inside a scope that already stamps the same ownership adds nothing. */
const stamped = new WeakMap<IConstruct, string>();

/**
 * Stamps `ownership` on every taggable AWS resource under `scope`, once: constructs call it for
 * themselves, and when an enclosing scope (a golden path's foundation) already stamps the same
 * ownership and default tags, the inner call adds no second Aspect. Standalone, each stamps its own.
 */
export function stampAwsOwnership(scope: IConstruct, ownership: Ownership, defaultTags: Readonly<Record<string, string>>): void {
  const identity = JSON.stringify([ownership.record, defaultTags]);
  for (const ancestor of scope.node.scopes) if (stamped.get(ancestor) === identity) return;
  stamped.set(scope, identity);
  Aspects.of(scope).add(new AwsOwnershipTags(ownership, defaultTags));
}

/**
 * Stack-wide check, run after every stamping Aspect: each taggable AWS resource carries every
 * required key, from its own tags or the provider's default_tags. Catches resources created
 * outside any owned scope.
 */
export class RequireAwsOwnership implements IAspect {
  /** Touches only taggable AWS / Kubernetes resources, never what cdktf's prepare step adds. */
  readonly [RUNS_BEFORE_PREPARE] = true;

  constructor(
    private readonly required: readonly string[],
    private readonly defaultTags: Readonly<Record<string, string>>,
  ) {}

  visit(node: IConstruct): void {
    if (!isTaggableAwsResource(node)) return;
    node.node.addValidation({
      validate: () => {
        const effective = { ...this.defaultTags, ...(ownTags(node) ?? {}) };
        const missing = this.required.filter((key) => !effective[key]);
        return missing.length
          ? [`AWS resource ${node.terraformResourceType} lacks the ownership tags ${missing.join(', ')}; create it inside a Groundwork construct or a scope with an AwsOwnershipTags Aspect`]
          : [];
      },
    });
  }
}
