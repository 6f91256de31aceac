import { CronJobV1 } from '@cdktf/provider-kubernetes/lib/cron-job-v1';
import { Aspects } from 'cdktf';
import { Construct } from 'constructs';
import { cronProblem, timeZoneProblem } from '../model/cron-schedule';
import { checkChoice } from './literal-rules';
import { GroundworkError } from '../model/errors';
import { checkContainer, CONTAINER_DEFAULTS, containerSpec, namespaceAndServiceAccount, POD_SECURITY_CONTEXT } from './container-spec';
import { KubernetesOwnershipLabels } from './kubernetes-ownership-labels';
import { PodEgress, PodNetworkPolicies } from './pod-network-policies';
import { SecurityGroupPolicy } from './security-group-policy';
import { checkName, checkRange, NAME_RULES } from './names';
import type { Ownership } from './ownership';

/** What a CronJob does when a run is due while the last still runs. */
export const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;
export type ConcurrencyPolicy = (typeof CONCURRENCY_POLICIES)[number];

export interface ScheduledWorkloadProps {
  /** Who owns it: stamped as tags (AWS) or labels (Kubernetes) on everything it creates. */
  readonly ownership: Ownership;
  /** Cron schedule, five fields, e.g. '15 3 * * *'. */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default 'Etc/UTC' */
  readonly timeZone?: string;
  /** Image with an immutable tag or digest. */
  readonly image: string;
  /** @default the service name */
  readonly partOf?: string;
  /** @default '250m' */
  readonly cpu?: string;
  /** @default '512Mi' */
  readonly memory?: string;
  /** Allow, Forbid (skip a run while the last one still runs) or Replace. @default 'Forbid' */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** Retries of a failed run, 0 to 10. @default 2 */
  readonly backoffLimit?: number;
  /** A run is killed after this many seconds. @default 3600 */
  readonly timeoutSeconds?: number;
  /** Successful runs kept for inspection. @default 3 */
  readonly successfulRunsKept?: number;
  /** Failed runs kept for inspection. @default 5 */
  readonly failedRunsKept?: number;
  /** IAM role the pods assume through IRSA. @default none */
  readonly roleArn?: string;
  /** Security groups the job's pods get (security groups for pods, through a SecurityGroupPolicy). @default none: the node's */
  readonly securityGroupIds?: readonly string[];
  /** Where the job's pods connect to: the namespace denies everything else (and every connection in). @default no NetworkPolicy */
  readonly egress?: PodEgress;
  /** Environment variables; values are escaped, never read as Terraform expressions. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A Kubernetes CronJob with the platform's baseline: bounded history, a concurrency policy, a
 * deadline per run, retries, requests and limits, a non-root read-only container, IRSA.
 */
export class ScheduledWorkload extends Construct {
  readonly name: string;
  readonly namespace: string;
  readonly cronJob: CronJobV1;
  readonly timeoutSeconds: number;

  constructor(scope: Construct, id: string, props: ScheduledWorkloadProps) {
    super(scope, id);
    const where = this.node.path;
    const service = props.ownership.service;
    // Kubernetes appends an 11-character suffix to each Job: a CronJob name has 52 characters at most.
    this.name = checkName(where, 'Kubernetes CronJob', service, { ...NAME_RULES.kubernetesName, maxLength: 52 });
    this.namespace = checkName(where, 'Kubernetes namespace', service, NAME_RULES.kubernetesName);
    const problem = cronProblem(props.schedule);
    if (problem) throw new GroundworkError(`${where}: schedule "${props.schedule}" is not a valid cron schedule: ${problem}.`);
    const timeZone = props.timeZone === undefined ? undefined : timeZoneProblem(props.timeZone);
    if (timeZone) throw new GroundworkError(`${where}: timeZone "${props.timeZone}" ${timeZone}.`);
    checkChoice(where, 'concurrencyPolicy', props.concurrencyPolicy, CONCURRENCY_POLICIES);
    const container = { name: service, image: props.image, cpu: props.cpu ?? CONTAINER_DEFAULTS.cpu, memory: props.memory ?? CONTAINER_DEFAULTS.memory, port: null, env: props.env };
    checkContainer(where, container);
    this.timeoutSeconds = checkRange(where, 'timeoutSeconds', props.timeoutSeconds ?? 3600, 60, 86400);

    const labels = props.ownership.kubernetesLabels({ name: service, partOf: props.partOf ?? service, component: 'job' }, where);
    Aspects.of(this).add(new KubernetesOwnershipLabels(labels));
    const { namespace, serviceAccount } = namespaceAndServiceAccount(this, { namespace: this.namespace, serviceAccount: this.name }, props.roleArn);
    const podLabels = { 'app.kubernetes.io/name': service, 'app.kubernetes.io/component': 'job' };
    if (props.egress) new PodNetworkPolicies(this, 'network-policies', { namespace: this.namespace, podLabels, egress: props.egress, dependsOn: [namespace] });
    if (props.securityGroupIds?.length) new SecurityGroupPolicy(this, 'security-group-policy', { namespace: this.namespace, podLabels, securityGroupIds: props.securityGroupIds, dependsOn: [namespace] });
    this.cronJob = new CronJobV1(this, 'cron-job', {
      metadata: { name: this.name, namespace: this.namespace },
      spec: {
        schedule: props.schedule,
        timezone: props.timeZone ?? 'Etc/UTC',
        concurrencyPolicy: props.concurrencyPolicy ?? 'Forbid',
        startingDeadlineSeconds: 300,
        successfulJobsHistoryLimit: checkRange(where, 'successfulRunsKept', props.successfulRunsKept ?? 3, 0, 20),
        failedJobsHistoryLimit: checkRange(where, 'failedRunsKept', props.failedRunsKept ?? 5, 0, 20),
        jobTemplate: {
          metadata: {},
          spec: {
            backoffLimit: checkRange(where, 'backoffLimit', props.backoffLimit ?? 2, 0, 10),
            activeDeadlineSeconds: this.timeoutSeconds,
            ttlSecondsAfterFinished: '86400',
            template: {
              metadata: {},
              spec: {
                serviceAccountName: serviceAccount.metadata.name,
                // No Kubernetes API calls: no service account token in the pod (IRSA has its own).
                automountServiceAccountToken: false,
                restartPolicy: 'Never',
                securityContext: POD_SECURITY_CONTEXT,
                container: [containerSpec(container)],
              },
            },
          },
        },
      },
      dependsOn: [namespace],
    });
  }
}
