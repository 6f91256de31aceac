import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';

export interface TargetGroupBindingProps {
  /** Namespace of the Service. */
  readonly namespace: string;
  /** The Service whose endpoints (pod IPs) become the target group's targets. */
  readonly serviceName: string;
  /** The Service's port. */
  readonly servicePort: number;
  /** The target group's ARN (a reference to the AWS stack). */
  readonly targetGroupArn: string;
  /** What must exist first (the Service). @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Binds a Terraform-managed target group to a Service: the AWS Load Balancer Controller (a
 * cluster prerequisite) registers the Service's pod IPs as targets and keeps them current. The
 * load balancer itself stays in Terraform, where alarms, DNS, WAF, cost and guardrails see it.
 * Security groups are the AWS stack's: the controller is told not to manage rules.
 */
export class TargetGroupBinding extends Construct {
  readonly manifest: Manifest;

  constructor(scope: Construct, id: string, props: TargetGroupBindingProps) {
    super(scope, id);
    this.manifest = new Manifest(this, 'binding', {
      manifest: {
        apiVersion: 'elbv2.k8s.aws/v1beta1',
        kind: 'TargetGroupBinding',
        metadata: { name: props.serviceName, namespace: props.namespace },
        spec: {
          serviceRef: { name: props.serviceName, port: props.servicePort },
          targetGroupARN: props.targetGroupArn,
          targetType: 'ip',
        },
      },
      dependsOn: props.dependsOn,
    });
  }
}
