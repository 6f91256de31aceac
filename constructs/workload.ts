import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2, HorizontalPodAutoscalerV2SpecMetric } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { NetworkPolicyV1 } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Aspects, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { checkContainer, CONTAINER_DEFAULTS, containerSpec, namespaceAndServiceAccount, POD_SECURITY_CONTEXT } from './container-spec';
import { KubernetesOwnershipLabels } from './kubernetes-ownership-labels';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';
import { PodEgress, PodIngress, PodNetworkPolicies } from './pod-network-policies';
import { SecurityGroupPolicy } from './security-group-policy';
import { TargetGroupBinding } from './target-group-binding';

/** How the autoscaler decides: CPU, or an external metric such as a queue's depth. */
export type Scaling =
  | { readonly metric: 'cpu'; readonly targetPercent?: number }
  | { readonly metric: 'external'; readonly name: string; readonly selector: Readonly<Record<string, string>>; readonly averageValue: number };

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
  /** Container port, probed over HTTP. @default 8080 */
  readonly port?: number;
  /** A ClusterIP Service in front of the port. false for workers: no ingress at all (a NetworkPolicy denies it). @default true */
  readonly expose?: boolean;
  /** HTTP path of the readiness probe. @default '/readyz' */
  readonly readinessPath?: string;
  /** HTTP path of the liveness probe. @default '/healthz' */
  readonly livenessPath?: string;
  /** IAM role the pods assume (IRSA annotation on the service account). @default none */
  readonly roleArn?: string;
  /** Environment variables; values may be references to other stacks. @default none */
  readonly env?: Readonly<Record<string, string>>;
  /** @default CPU at 70% */
  readonly scaling?: Scaling;
  /** A target group (in the AWS stack) to register the Service's pod IPs in, through a TargetGroupBinding. @default none */
  readonly targetGroupArn?: string;
  /** Security groups the pods get (security groups for pods, through a SecurityGroupPolicy). @default none: the node's */
  readonly securityGroupIds?: readonly string[];
  /** The namespace's NetworkPolicies: default deny, then DNS, these dependencies and, where given, connections in on the port. @default no NetworkPolicy beyond denying ingress to workers */
  readonly network?: { readonly egress: PodEgress; readonly ingress?: PodIngress };
  /** Mount the service account token: only for workloads that call the Kubernetes API (IRSA does not need it). @default false */
  readonly kubernetesApi?: boolean;
}

/**
 * A service's Kubernetes workload: its namespace, a service account (bound to an IAM role through
 * IRSA), a Deployment with requests and limits, a non-root read-only security context and HTTP
 * probes, a Service (or, for workers, no way in), the namespace's NetworkPolicies, a
 * HorizontalPodAutoscaler and a PodDisruptionBudget. Every object and pod template carries the
 * ownership labels.
 */
export class Workload extends Construct {
  readonly namespace: string;
  readonly name: string;
  readonly deployment: DeploymentV1;
  readonly replicas: number;
  readonly maxReplicas: number;
  readonly cpu: string;
  readonly memory: string;
  /** Labels selecting its pods (NetworkPolicies of calls between services select them). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Its namespace: what objects in it wait for. */
  readonly namespaceResource: ITerraformDependable;

  constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id);
    const where = this.node.path;
    const service = props.ownership.service;
    const component = props.component ?? 'api';
    this.name = checkName(where, 'Kubernetes workload', service, NAME_RULES.kubernetesName);
    this.namespace = checkName(where, 'Kubernetes namespace', props.namespace ?? service, NAME_RULES.kubernetesName);
    this.replicas = checkRange(where, 'replicas', props.replicas ?? (props.production ? 2 : 1), 1, 100);
    this.maxReplicas = checkRange(where, 'maxReplicas', props.maxReplicas ?? this.replicas * 3, this.replicas, 1000);
    this.cpu = props.cpu ?? CONTAINER_DEFAULTS.cpu;
    this.memory = props.memory ?? CONTAINER_DEFAULTS.memory;
    const port = checkRange(where, 'port', props.port ?? 8080, 1, 65535);
    const container = { name: service, image: props.image, cpu: this.cpu, memory: this.memory, port, readinessPath: props.readinessPath, livenessPath: props.livenessPath, env: props.env };
    checkContainer(where, container);

    const labels = props.ownership.kubernetesLabels({ name: service, partOf: props.partOf ?? service, component }, where);
    Aspects.of(this).add(new KubernetesOwnershipLabels(labels));
    const selector = { 'app.kubernetes.io/name': service, 'app.kubernetes.io/component': component };
    const metadata = { name: this.name, namespace: this.namespace };

    const { namespace, serviceAccount } = namespaceAndServiceAccount(this, { namespace: this.namespace, serviceAccount: this.name }, props.roleArn);
    this.podLabels = selector;
    this.namespaceResource = namespace;
    if (props.network) new PodNetworkPolicies(this, 'network-policies', { namespace: this.namespace, podLabels: selector, egress: props.network.egress, ingress: props.network.ingress, dependsOn: [namespace] });
    if (props.securityGroupIds?.length) new SecurityGroupPolicy(this, 'security-group-policy', { namespace: this.namespace, podLabels: selector, securityGroupIds: props.securityGroupIds, dependsOn: [namespace] });

    this.deployment = new DeploymentV1(this, 'deployment', {
      metadata,
      waitForRollout: true,
      spec: {
        replicas: String(this.replicas),
        selector: { matchLabels: selector },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0', maxSurge: '25%' } },
        template: {
          metadata: { labels: selector },
          spec: { serviceAccountName: serviceAccount.metadata.name, automountServiceAccountToken: props.kubernetesApi ?? false, securityContext: POD_SECURITY_CONTEXT, container: [containerSpec(container)] },
        },
      },
    });
    // Autoscaling owns the replica count once deployed.
    this.deployment.lifecycle = { ignoreChanges: ['spec[0].replicas'] };

    if (props.expose ?? true) {
      const k8sService = new ServiceV1(this, 'service', { metadata, spec: { selector, port: [{ name: 'http', port: 80, targetPort: String(port) }], type: 'ClusterIP' }, dependsOn: [namespace] });
      if (props.targetGroupArn) new TargetGroupBinding(this, 'target-group-binding', { namespace: this.namespace, serviceName: this.name, servicePort: 80, targetGroupArn: props.targetGroupArn, dependsOn: [k8sService] });
    } else if (!props.network) {
      new NetworkPolicyV1(this, 'deny-ingress', {
        metadata: { name: `${this.name}-deny-ingress`, namespace: this.namespace },
        spec: { podSelector: { matchLabels: selector }, policyTypes: ['Ingress'] },
        dependsOn: [namespace],
      });
    }
    new HorizontalPodAutoscalerV2(this, 'autoscaler', {
      metadata,
      spec: {
        minReplicas: this.replicas,
        maxReplicas: this.maxReplicas,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: this.deployment.metadata.name },
        metric: [this.metric(where, props.scaling ?? { metric: 'cpu' })],
      },
    });
    new PodDisruptionBudgetV1(this, 'disruption-budget', {
      metadata,
      // With one replica, minAvailable 1 would block node drains: allow one pod down instead.
      spec: this.replicas > 1 ? { minAvailable: '50%', selector: { matchLabels: selector } } : { maxUnavailable: '1', selector: { matchLabels: selector } },
      dependsOn: [namespace],
    });
  }

  private metric(where: string, scaling: Scaling): HorizontalPodAutoscalerV2SpecMetric {
    if (scaling.metric === 'cpu') {
      return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: checkRange(where, 'targetCpuPercent', scaling.targetPercent ?? 70, 10, 95) } } };
    }
    return {
      type: 'External',
      external: {
        metric: { name: scaling.name, selector: [{ matchLabels: { ...scaling.selector } }] },
        target: { type: 'AverageValue', averageValue: String(checkRange(where, 'messagesPerReplica', scaling.averageValue, 1, 100000)) },
      },
    };
  }
}
