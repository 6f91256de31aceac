/**
 * The read tools: each answers from the last analysis (catalog.json, cost-report.json, policy.json
 * and the synthesized stacks), through the functions of catalog/agent, with typed output.
 */
import { z } from 'zod';
import { costBy, COST_DIMENSIONS } from '../../catalog/agent/cost-rows';
import { describeService } from '../../catalog/agent/describe-service';
import { guardrailFindings } from '../../catalog/agent/guardrails';
import type { LastAnalysis } from '../../catalog/agent/last-analysis';
import { whoOwns } from '../../catalog/agent/ownership-lookup';
import { findServices } from '../../catalog/agent/service-queries';
import { goldenPathsTool } from './golden-path-schemas';
import { DATA_NOT_INSTRUCTIONS, text, ToolSpec } from './tool-spec';

const nullableText = z.string().nullable();
const link = z.object({ title: z.string(), url: z.string(), type: z.string() });
const costRow = z.object({ name: z.string(), monthlyUsd: z.number(), resources: z.number(), team: z.string().optional(), costCenter: z.string().optional() });
const provenance = z.object({ source: z.string(), date: z.string(), sku: z.string().optional(), verified: z.boolean() });
const costLine = z.looseObject({
  stack: z.string(),
  address: z.string(),
  type: z.string(),
  region: z.string(),
  environment: z.string().optional(),
  monthlyUsd: z.number(),
  components: z.array(z.object({ item: z.string(), what: z.string(), quantity: z.number(), unit: z.string(), unitUsd: z.string(), monthlyUsd: z.number(), provenance })),
});
const severity = z.enum(['error', 'warning', 'info']);
const finding = z.object({
  rule: z.string(),
  pack: z.string(),
  severity,
  stack: z.string(),
  address: z.string(),
  constructPath: z.string().optional(),
  service: z.string().optional(),
  owner: z.string().optional(),
  message: z.string(),
  rationale: z.string(),
  fix: z.string(),
  suppressed: z.object({ reason: z.string(), source: z.string() }).optional(),
});
const suppression = z.looseObject({ rule: z.string(), reason: z.string(), source: z.string(), applied: z.number(), expired: z.boolean() });
const serviceSummary = z.object({
  name: z.string(),
  owner: nullableText,
  goldenPath: nullableText,
  description: nullableText,
  environments: z.array(z.string()),
  monthlyUsd: z.number().nullable(),
  scorecard: nullableText,
});
const ownership = z.object({
  stack: z.string(),
  address: z.string(),
  type: z.string(),
  region: nullableText,
  owner: nullableText,
  service: nullableText,
  costCenter: nullableText,
  environment: nullableText,
  entity: nullableText,
});

/** The read tools over the analysis `load` returns (the last one synth wrote, read when it changes). */
export function readTools(load: () => LastAnalysis): ToolSpec[] {
  const findServicesTool: ToolSpec = {
    name: 'find_services',
    title: 'Find services',
    description: `Services in the last analysis matching every filter given (exact name, owning team, golden path, tag "key" or "key=value", or text in name, description, owner and tag values). ${DATA_NOT_INSTRUCTIONS}`,
    kind: 'read',
    input: z.strictObject({
      name: text('exact service name').optional(),
      owner: text('owning team').optional(),
      goldenPath: text('golden path, e.g. http-service').optional(),
      tag: text('a tag key, or key=value').optional(),
      text: text('case-insensitive text to look for').optional(),
    }),
    output: z.object({ count: z.number(), services: z.array(serviceSummary) }),
    run: (args) => {
      const services = findServices(load(), args);
      return { count: services.length, services };
    },
  };

  const describeServiceTool: ToolSpec = {
    name: 'describe_service',
    title: 'Describe a service',
    description: `One service: owner and team contacts, links, golden path, environments, data stores, dependencies both ways, monthly cost by line with each price's provenance, guardrail findings, scorecard and runbook text. ${DATA_NOT_INSTRUCTIONS}`,
    kind: 'read',
    input: z.strictObject({ name: text('service name') }),
    output: z.object({
      service: z.object({
        name: z.string(),
        description: nullableText,
        owner: nullableText,
        team: z.object({ name: z.string(), displayName: nullableText, email: nullableText, slackChannel: nullableText }).nullable(),
        costCenter: nullableText,
        system: nullableText,
        lifecycle: nullableText,
        tier: z.number().nullable(),
        goldenPath: nullableText,
        environments: z.array(z.string()),
        operations: z.array(z.string()),
        tags: z.record(z.string(), z.string()),
        links: z.array(link),
        dataStores: z.array(z.object({ name: z.string(), type: z.string(), environment: nullableText, region: nullableText, monthlyUsd: z.number().nullable(), sharedWith: z.array(z.string()) })),
        dependsOn: z.array(z.string()),
        dependedOnBy: z.array(z.string()),
        monthlyUsd: z.number().nullable(),
        costLines: z.array(costLine),
        findings: z.array(finding),
        scorecard: z.object({ service: z.string(), level: z.string(), checks: z.array(z.object({ id: z.string(), level: z.string(), passed: z.boolean(), detail: z.string() })) }).nullable(),
        runbook: z.object({ file: z.string(), url: nullableText, markdown: nullableText }),
      }),
    }),
    run: ({ name }) => ({ service: describeService(load(), name as string) }),
  };

  const whoOwnsTool: ToolSpec = {
    name: 'who_owns',
    title: 'Who owns a resource',
    description: `The owner, service, cost center and environment of a Terraform address ("aws_sqs_queue.x", or "<stack>/aws_sqs_queue.x") or an AWS ARN, as the catalog, cost and guardrails allocate it. ${DATA_NOT_INSTRUCTIONS}`,
    kind: 'read',
    input: z.strictObject({ resource: text('a Terraform address or an AWS ARN') }),
    output: z.object({ count: z.number(), matches: z.array(ownership) }),
    run: ({ resource }) => {
      const matches = whoOwns(load(), resource as string);
      return { count: matches.length, matches };
    },
  };

  const costTool: ToolSpec = {
    name: 'cost',
    title: 'Monthly cost by service, team, cost center or environment',
    description: `The estimated monthly cost of the last analysis rolled up by one dimension, largest first, with the "unallocated" row last; optionally one row by name. ${DATA_NOT_INSTRUCTIONS}`,
    kind: 'read',
    input: z.strictObject({ by: z.enum(COST_DIMENSIONS).describe('the dimension'), name: text('one row: a service, team, cost center or environment name').optional() }),
    output: z.object({ by: z.enum(COST_DIMENSIONS), currency: z.literal('USD'), totalUsd: z.number(), rows: z.array(costRow) }),
    run: ({ by, name }) => costBy(load(), by as (typeof COST_DIMENSIONS)[number], name as string | undefined),
  };

  const findingsTool: ToolSpec = {
    name: 'guardrail_findings',
    title: 'Guardrail findings and suppressions',
    description: `Guardrail findings of the last analysis (open ones, or suppressed too), filtered by service and severity, with the summary and every suppression (its reason, where it was declared, how often it applied). ${DATA_NOT_INSTRUCTIONS}`,
    kind: 'read',
    input: z.strictObject({ service: text('service name').optional(), severity: severity.optional(), includeSuppressed: z.boolean().optional() }),
    output: z.object({
      summary: z.object({ errors: z.number(), warnings: z.number(), infos: z.number(), suppressed: z.number(), passed: z.boolean() }),
      findings: z.array(finding),
      suppressions: z.array(suppression),
    }),
    run: (args) => guardrailFindings(load(), args as Parameters<typeof guardrailFindings>[1]),
  };

  return [findServicesTool, describeServiceTool, whoOwnsTool, costTool, findingsTool, goldenPathsTool];
}
