import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Construct } from 'constructs';
import { GroundworkError } from '../model/errors';
import { compareText } from '../model/stable-json';
import { terraformLiterals } from './literal';
import { checkLiterals } from './literal-rules';

/** A Kubernetes CPU quantity in the forms the golden paths use: millicores (250m) or cores (1, 0.5). */
export const CPU_QUANTITY = /^([0-9]+m|[0-9]+(\.[0-9]+)?)$/;
/** A memory quantity in MiB or GiB (512Mi, 2Gi). */
export const MEMORY_QUANTITY = /^[0-9]+(Mi|Gi)$/;
/** What a container asks for when its props do not say. */
export const CONTAINER_DEFAULTS = { cpu: '250m', memory: '512Mi' } as const;

/** Why a CPU or memory request is not one Kubernetes would schedule, or undefined. */
export function quantityProblem(kind: 'cpu' | 'memory', value: string): string | undefined {
  const pattern = kind === 'cpu' ? CPU_QUANTITY : MEMORY_QUANTITY;
  if (!pattern.test(value)) return kind === 'cpu' ? 'is not a Kubernetes CPU quantity such as 250m or 1' : 'is not a memory quantity such as 512Mi or 2Gi';
  if (parseFloat(value) <= 0) return `must be more than zero`;
  return undefined;
}

export interface ContainerOptions {
  /** Container name. */
  readonly name: string;
  /** Image with an immutable tag or digest. */
  readonly image: string;
  /** CPU request; the limit is twice it. */
  readonly cpu: string;
  /** Memory request and limit. */
  readonly memory: string;
  /** Port the container listens on, with HTTP probes on it; null for none. */
  readonly port: number | null;
  /** HTTP path of the readiness probe. @default '/readyz' */
  readonly readinessPath?: string;
  /** HTTP path of the liveness probe. @default '/healthz' */
  readonly livenessPath?: string;
  /** Environment variables; values are escaped, never read as Terraform expressions. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

/** Checks what Kubernetes would reject or the guardrails would flag, with the construct path. */
export function checkContainer(where: string, o: ContainerOptions): void {
  checkLiterals(where, { image: ['containerImage', o.image], readinessPath: ['httpPath', o.readinessPath], livenessPath: ['httpPath', o.livenessPath] });
  for (const kind of ['cpu', 'memory'] as const) {
    const problem = quantityProblem(kind, o[kind]);
    if (problem) throw new GroundworkError(`${where}: ${kind} "${o[kind]}" ${problem}.`);
  }
}

/** Non-root, no privilege escalation, seccomp: the pod-level half of the security baseline. */
export const POD_SECURITY_CONTEXT = { runAsNonRoot: true, runAsUser: '10001', runAsGroup: '10001', fsGroup: '10001', seccompProfile: { type: 'RuntimeDefault' } };

/** Pod Security Admission labels: enforce, audit and warn at the restricted level. */
export const POD_SECURITY_LABELS = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
} as const;

/** One container with requests and limits, a read-only non-root context and, with a port, HTTP probes. */
export function containerSpec(o: ContainerOptions) {
  const cpuLimit = o.cpu.endsWith('m') ? `${Number(o.cpu.slice(0, -1)) * 2}m` : `${Number(o.cpu) * 2}`;
  const probe = (path: string, initialDelaySeconds: number) =>
    o.port === null ? undefined : { httpGet: { path, port: String(o.port) }, initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 };
  return {
    name: o.name,
    image: o.image,
    port: o.port === null ? undefined : [{ containerPort: o.port, name: 'http' }],
    env: Object.entries(terraformLiterals(o.env ?? {}))
      .sort(([a], [b]) => compareText(a, b))
      .map(([name, value]) => ({ name, value })),
    resources: { requests: { cpu: o.cpu, memory: o.memory }, limits: { cpu: cpuLimit, memory: o.memory } },
    securityContext: { runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    readinessProbe: probe(o.readinessPath ?? '/readyz', 5),
    livenessProbe: probe(o.livenessPath ?? '/healthz', 15),
  };
}

/**
 * The namespace of a workload and its service account, bound to an IAM role through IRSA when one
 * is given. Created inside `scope` (ids "namespace" and "service-account").
 */
export function namespaceAndServiceAccount(scope: Construct, names: { namespace: string; serviceAccount: string }, roleArn?: string): { namespace: NamespaceV1; serviceAccount: ServiceAccountV1 } {
  // Pod Security Admission: the namespace admits only pods meeting the restricted profile.
  const namespace = new NamespaceV1(scope, 'namespace', { metadata: { name: names.namespace, labels: { ...POD_SECURITY_LABELS } } });
  const serviceAccount = new ServiceAccountV1(scope, 'service-account', {
    metadata: { name: names.serviceAccount, namespace: names.namespace, annotations: roleArn ? { 'eks.amazonaws.com/role-arn': roleArn } : undefined },
    dependsOn: [namespace],
  });
  return { namespace, serviceAccount };
}
