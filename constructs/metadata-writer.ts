import { TerraformStack } from 'cdktf';
import { checkStackMetadata, METADATA_KEY, METADATA_VERSION, OrganisationMetadata, ServiceMetadata, StackMetadata } from '../model/golden-path-metadata';

/**
 * Writes catalog metadata into a stack's synthesized JSON under `"//".groundwork`, a comment to
 * Terraform. Values must be literals: the catalog reads the file, not cdktf.
 */
function record(stack: TerraformStack, path: string, value: unknown, document: Omit<StackMetadata, 'version'>): void {
  checkStackMetadata({ version: METADATA_VERSION, ...document }, stack.node.path);
  stack.addOverride(`//.${METADATA_KEY}.version`, METADATA_VERSION);
  stack.addOverride(`//.${METADATA_KEY}.${path}`, value);
}

export function recordOrganisation(stack: TerraformStack, organisation: OrganisationMetadata): void {
  record(stack, 'organisation', organisation, { organisation });
}

/** Service names are validated (no dots), so they are safe as one segment of the override path. */
export function recordService(stack: TerraformStack, service: ServiceMetadata): void {
  record(stack, `services.${service.name}`, service, { services: { [service.name]: service } });
}

/** Guardrail suppressions declared on constructs of the stack, all of them each time (the list replaces the last). */
export function recordSuppressions(stack: TerraformStack, suppressions: NonNullable<StackMetadata['suppressions']>): void {
  record(stack, 'suppressions', suppressions, { suppressions });
}
