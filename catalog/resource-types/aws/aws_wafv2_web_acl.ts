import { blocks } from '../../terraform/resource-index';
import { attributeReader, resourceType } from '../resource-type';

const body = attributeReader('rule');

// As Infracost's wafv2_web_acl.go selects it: awswaf "Web Application Firewall", usagetypes WebACLV2, RuleV2 and
// RequestV2-Tier1; not confirmed from a record.
export const awsWafv2WebAcl = resourceType({
  type: 'aws_wafv2_web_acl',
  attributes: body.names,
  taggable: true,
  usage: { wafRequestsMillions: { default: 0, description: 'Million requests a WAF web ACL inspects per month. Default 0.' } },
  pricing: {
    /** A web ACL per month, each rule (a managed rule group counts as one) per month, and the requests it inspects. */
    pricer: (r, { usage }) => {
      const rules = blocks(body.read(r).rule).length;
      return {
        charges: [
          { item: 'waf.webacl', quantity: 1, what: 'web ACL' },
          { item: 'waf.rule', quantity: rules, what: `${rules} rules and rule groups` },
          { item: 'waf.requests.million', quantity: usage.wafRequestsMillions, what: 'million requests (usage file)' },
        ],
      };
    },
  },
  priceItems: [
    { key: 'waf.webacl', unit: 'WebACL-Mo', offer: () => ({ offerCode: 'awswaf', productFamily: 'Web Application Firewall', usagetype: 'WebACLV2', unit: 'WebACL' }) },
    { key: 'waf.rule', unit: 'Rule-Mo', offer: () => ({ offerCode: 'awswaf', productFamily: 'Web Application Firewall', usagetype: 'RuleV2', unit: 'Rule' }) },
    { key: 'waf.requests.million', unit: '1M requests', offer: () => ({ offerCode: 'awswaf', productFamily: 'Web Application Firewall', usagetype: 'RequestV2-Tier1', unit: 'Request', scale: 6 }) },
  ],
});
