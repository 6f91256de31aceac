import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Construct } from 'constructs';
import { checkName, NAME_RULES } from './names';

/**
 * The AWS managed rule groups every public load balancer gets, in evaluation order: the core rule
 * set (OWASP Top 10 classes), known bad inputs (Log4Shell and the like) and Amazon's IP
 * reputation list. Counted per rule by the WAF pricer.
 */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

export interface ManagedRulesWebAclProps {
  /** Name of the web ACL (also its metric name). */
  readonly name: string;
  /** ARN of the regional resource it protects (an ALB). */
  readonly resourceArn: string;
}

/**
 * A regional WAFv2 web ACL of AWS managed rule groups, associated with one load balancer. Requests
 * the groups do not block are allowed; every rule emits CloudWatch metrics and sampled requests.
 */
export class ManagedRulesWebAcl extends Construct {
  readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: ManagedRulesWebAclProps) {
    super(scope, id);
    const name = checkName(this.node.path, 'WAF web ACL', props.name, NAME_RULES.wafName);
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name,
      description: `Managed rule groups in front of ${name}`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rule: MANAGED_RULE_GROUPS.map((group, priority) => ({
        name: group,
        priority,
        // none: the group's own actions (block) apply; count would only watch.
        overrideAction: { none: {} },
        // statement is untyped in the provider bindings: written in Terraform's own names.
        statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
        visibilityConfig: visibility(`${name}-${group}`),
      })),
    });
    new Wafv2WebAclAssociation(this, 'association', { resourceArn: props.resourceArn, webAclArn: this.webAcl.arn });
  }
}
