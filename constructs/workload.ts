import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import { GroundworkError } from '../catalog/errors';
import { KubernetesOwnershipLabels } from './kubernetes-ownership-labels';
import { terraformLiterals } from './literal';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';
import { compareText } from '../catalog/stable-json';

const CPU = /^([0-9]+m|[0-9]+(\.[0-9]+)?)$/;
const MEMORY = /^[0-9]+(Mi|Gi)$/;

export interface WorkloadProps {
  /** Ownership of the service in this environment. */
  readonly ownership: Ownership;
  /** Whether the environment is production (more replicas by default). */
  readonly production: boolean;
  /** Container image with an immutable tag, e.g. ghcr.io/acme/checkout:1.4.2. */
  readonly image: string;
  /** Backstage system / app.kubernetes.io/part-of. @default the service name */
  readonly partOf?: string;
  /** app.kubernetes.io/component. @default 'api' */
  readonly component?: string;
  /** @default the service name */
  readonly namespace?: string;
  /** Minimum replicas, 1 to 100. @default 2 in production, 1 elsewhere */
  readonly replicas?: number;
  /** Maximum replicas for the autoscaler. @default 3 × replicas */
  readonly maxReplicas?: number;
  /** CPU request per pod, e.g. 250m or 1. The limit is twice the request. @default '250m' */
  readonly cpu?: string;
  /** Memory request and limit per pod, e.g. 512Mi. @default '512Mi' */
  readonly memory?: string;
  /** Container port; a ClusterIP Service exposes it. `undefined` for workers with no ingress. @default 8080 */
  readonly port?: number | null;
  /** HTTP path of the readiness probe. @default '/readyz' */
  readonly readinessPath?: string;
  /** HTTP path of the liveness probe. @default '/healthz' */
  readonly livenessPath?: string;
  /** IAM role the pods assume (IRSA annotation on the service account). @default none */
  readonly roleArn?: string;
  /** Environment variables; values may be references to other stacks. @default none */
  readonly env?: Readonly<Record<string, string>>;
  /** Target average CPU utilisation of the autoscaler, 10 to 95. @default 70 */
  readonly targetCpuPercent?: number;
}

/**
 * A service's Kubernetes workload: its namespace, a service account (bound to an IAM role through
 * IRSA), a Deployment with requests and limits, a non-root read-only security context and HTTP
 * probes, a Service, a HorizontalPodAutoscaler and a PodDisruptionBudget. Every object and pod
 * template carries the ownership labels.
 */
export class Workload extends Construct {
  readonly namespace: string;
  readonly name: string;
  readonly deployment: DeploymentV1;
  readonly replicas: number;
  readonly maxReplicas: number;
  readonly cpu: string;
  readonly memory: string;

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id);
    const where = this.node.path;
    const service = props.ownership.service;
    this.name = checkName(where, 'Kubernetes workload', service, NAME_RULES.kubernetesName);
    this.namespace = checkName(where, 'Kubernetes namespace', props.namespace ?? service, NAME_RULES.kubernetesName);
    this.replicas = checkRange(where, 'replicas', props.replicas ?? (props.production ? 2 : 1), 1, 100);
    this.maxReplicas = checkRange(where, 'maxReplicas', props.maxReplicas ?? this.replicas * 3, this.replicas, 1000);
    this.cpu = props.cpu ?? '250m';
    this.memory = props.memory ?? '512Mi';
    if (!CPU.test(this.cpu)) throw new GroundworkError(`${where}: cpu "${this.cpu}" is not a Kubernetes CPU quantity such as 250m or 1.`);
    if (!MEMORY.test(this.memory)) throw new GroundworkError(`${where}: memory "${this.memory}" is not a memory quantity such as 512Mi or 2Gi.`);
    if (/:latest$/.test(props.image) || !/:[A-Za-z0-9_][A-Za-z0-9_.-]*$|@sha256:[a-f0-9]{64}$/.test(props.image)) {
      throw new GroundworkError(`${where}: image "${props.image}" needs an immutable tag or digest (not "latest"), e.g. ${props.image.split(':')[0]}:1.0.0.`);
    }
    const port = props.port === undefined ? 8080 : props.port;
    if (port !== null) checkRange(where, 'port', port, 1, 65535);

    const labels = props.ownership.kubernetesLabels({ name: service, partOf: props.partOf ?? service, component: props.component ?? 'api' }, where);
    Aspects.of(this).add(new KubernetesOwnershipLabels(labels));
    const selector = { 'app.kubernetes.io/name': service, 'app.kubernetes.io/component': props.component ?? 'api' };
    const metadata = { name: this.name, namespace: this.namespace };

    const namespace = new NamespaceV1(this, 'namespace', { metadata: { name: this.namespace } });
    const serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: { ...metadata, annotations: props.roleArn ? { 'eks.amazonaws.com/role-arn': props.roleArn } : undefined },
      dependsOn: [namespace],
    });

    const cpuLimit = this.cpu.endsWith('m') ? `${Number(this.cpu.slice(0, -1)) * 2}m` : `${Number(this.cpu) * 2}`;
    const probe = (path: string, initialDelaySeconds: number) =>
      port === null
        ? undefined
        : { httpGet: { path, port: String(port) }, initialDelaySeconds, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 };
    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata,
      waitForRollout: true,
      spec: {
        replicas: String(this.replicas),
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0', maxSurge: '25%' } },
        template: {
          metadata: { labels: selector },
          spec: {
            serviceAccountName: serviceAccount.metadata.name,
            automountServiceAccountToken: true,
            securityContext: { runAsNonRoot: true, runAsUser: '10001', runAsGroup: '10001', fsGroup: '10001', seccompProfile: { type: 'RuntimeDefault' } },
            container: [
              {
                name: service,
                image: props.image,
                port: port === null ? undefined : [{ containerPort: port, name: 'http' }],
                env: Object.entries(terraformLiterals(props.env ?? {}))
                  .sort(([a], [b]) => compareText(a, b))
                  .map(([name, value]) => ({ name, value })),
                resources: { requests: { cpu: this.cpu, memory: this.memory }, limits: { cpu: cpuLimit, memory: this.memory } },
                securityContext: { runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                readinessProbe: probe(props.readinessPath ?? '/readyz', 5),
                livenessProbe: probe(props.livenessPath ?? '/healthz', 15),
              },
            ],
          },
        },
      },
    });
    // Autoscaling owns the replica count once deployed.
    this.deployment.lifecycle = { ignoreChanges: ['spec[0].replicas'] };

    if (port !== null) {
      new ServiceV1(this, 'service', {
        metadata,
        spec: { selector, port: [{ name: 'http', port: 80, targetPort: String(port) }], type: 'ClusterIP' },
        dependsOn: [namespace],
      });
    }
    new HorizontalPodAutoscalerV2(this, 'autoscaler', {
      metadata,
      spec: {
        minReplicas: this.replicas,
        maxReplicas: this.maxReplicas,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.deployment.metadata.name },
        metric: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: checkRange(where, 'targetCpuPercent', props.targetCpuPercent ?? 70, 10, 95) } } }],
      },
    });
    new PodDisruptionBudgetV1(this, 'disruption-budget', {
      metadata,
      // With one replica, minAvailable 1 would block node drains: allow one pod down instead.
      spec: this.replicas > 1 ? { minAvailable: '50%', selector: { matchLabels: selector } } : { maxUnavailable: '1', selector: { matchLabels: selector } },
      dependsOn: [namespace],
    });
  }
}
