import { TerraformStack } from 'cdktf';
import { METADATA_KEY, METADATA_VERSION, OrganisationMetadata, ServiceMetadata } from '../model/golden-path-metadata';

/**
 * Writes catalog metadata into a stack's synthesized JSON under `"//".groundwork`, a comment to
 * Terraform. Values must be literals: the catalog reads the file, not cdktf.
 */
function record(stack: TerraformStack, path: string, value: unknown): void {
  stack.addOverride(`//.${METADATA_KEY}.version`, METADATA_VERSION);
  stack.addOverride(`//.${METADATA_KEY}.${path}`, value);
}

export function recordOrganisation(stack: TerraformStack, organisation: OrganisationMetadata): void {
  record(stack, 'organisation', organisation);
}

/** Service names are validated (no dots), so they are safe as one segment of the override path. */
export function recordService(stack: TerraformStack, service: ServiceMetadata): void {
  record(stack, `services.${service.name}`, service);
}
