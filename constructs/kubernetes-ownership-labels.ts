import { IAspect, TerraformResource, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { RUNS_BEFORE_PREPARE } from '../model/aspect-timing';
import { resolvedConfiguration } from '../model/resolved-configuration';

type Json = Record<string, unknown>;

function isKubernetesResource(node: IConstruct): node is TerraformResource {
  return TerraformResource.isTerraformResource(node) && node.terraformResourceType.startsWith('kubernetes_');
}

type Rendered = { resource: Record<string, Record<string, Json>> };

/** The body of one resource as cdktf will write it (arguments in Terraform's snake_case). */
function resourceBody(resource: TerraformResource): Json {
  return bodyOf(resource.toTerraform() as Rendered);
}

const bodyOf = (rendered: Rendered): Json => Object.values(Object.values(rendered.resource)[0])[0];

/** The body as synthesis resolved it, where it holds it (no second rendering), else rendered now. */
function finalBody(resource: TerraformResource): Json {
  const resolved = resolvedConfiguration(resource) as Rendered | undefined;
  return resolved ? bodyOf(resolved) : resourceBody(resource);
}

/** Dotted paths of every `metadata` block: the object's own and each pod/job template's. */
export function metadataPaths(body: Json, prefix: string[] = []): string[][] {
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === '//' || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    if (key === 'metadata') paths.push([...prefix, key]);
    else paths.push(...metadataPaths(value as Json, [...prefix, key]));
  }
  return paths;
}

function at(body: Json, path: string[]): Json | undefined {
  return path.reduce<Json | undefined>((node, key) => node?.[key] as Json | undefined, body);
}

/**
 * Adds the ownership and app.kubernetes.io labels to the metadata of every Kubernetes object in
 * its scope and to every pod and job template inside it. Existing labels may add keys but may not
 * contradict these.
 */
export class KubernetesOwnershipLabels implements IAspect {
  /** Touches only taggable AWS / Kubernetes resources, never what cdktf's prepare step adds. */
  readonly [RUNS_BEFORE_PREPARE] = true;

  constructor(private readonly labels: Readonly<Record<string, string>>) {}

  visit(node: IConstruct): void {
    if (!isKubernetesResource(node)) return;
    const body = resourceBody(node);
    const problems: string[] = [];
    for (const path of metadataPaths(body)) {
      const existing = (at(body, path)?.labels ?? {}) as Record<string, string>;
      for (const [key, value] of Object.entries(existing)) {
        if (key in this.labels && !Token.isUnresolved(value) && value !== this.labels[key]) {
          problems.push(`Kubernetes ${node.terraformResourceType} sets label "${key}" to "${value}" in ${path.join('.')}, which contradicts its ownership ("${this.labels[key]}").`);
        }
      }
      node.addOverride([...path, 'labels'].join('.'), { ...existing, ...this.labels });
    }
    if (problems.length) node.node.addValidation({ validate: () => problems });
  }
}

/** Stack-wide check after stamping: every Kubernetes metadata block carries every required label. */
export class RequireKubernetesOwnership implements IAspect {
  /** Touches only taggable AWS / Kubernetes resources, never what cdktf's prepare step adds. */
  readonly [RUNS_BEFORE_PREPARE] = true;

  constructor(private readonly required: readonly string[]) {}

  visit(node: IConstruct): void {
    if (!isKubernetesResource(node)) return;
    node.node.addValidation({
      validate: () => {
        const body = finalBody(node);
        return metadataPaths(body).flatMap((path) => {
          const labels = (at(body, path)?.labels ?? {}) as Record<string, string>;
          const missing = this.required.filter((key) => !labels[key]);
          return missing.length ? [`Kubernetes ${node.terraformResourceType} lacks the labels ${missing.join(', ')} in ${path.join('.')}; create it inside a Groundwork Workload`] : [];
        });
      },
    });
  }
}
