import { BedrockGuardrail } from '@cdktf/provider-aws/lib/bedrock-guardrail';
import { Construct } from 'constructs';
import { stampAwsOwnership } from './aws-ownership-tags';
import type { Environment } from './environment';
import type { Ownership } from './ownership';

export type FilterStrength = 'LOW' | 'MEDIUM' | 'HIGH';

/** Content filters of every platform guardrail; prompt attacks are judged on input only (AWS refuses an output strength for them). */
const FILTERS = ['HATE', 'INSULTS', 'SEXUAL', 'VIOLENCE', 'MISCONDUCT'] as const;

export interface ModelGuardrailProps {
  readonly environment: Environment;
  readonly ownership: Ownership;
  readonly name: string;
  /** @default 'HIGH' */
  readonly filterStrength?: FilterStrength;
}

/**
 * A Bedrock guardrail (content filters and prompt-attack detection) for the model calls made
 * with a knowledge base. A knowledge base has no guardrail attribute: it is enforced on the
 * callers' roles through the `bedrock:GuardrailIdentifier` condition (`guardrailCondition`).
 */
export class ModelGuardrail extends Construct {
  readonly guardrail: BedrockGuardrail;
  readonly guardrailArn: string;

  constructor(scope: Construct, id: string, props: ModelGuardrailProps) {
    super(scope, id);
    stampAwsOwnership(this, props.ownership, props.environment.defaultTags);
    const strength = props.filterStrength ?? 'HIGH';
    this.guardrail = new BedrockGuardrail(this, 'guardrail', {
      name: props.name,
      description: `Guardrail of ${props.ownership.service} in ${props.environment.name}`,
      blockedInputMessaging: 'This request was blocked by the guardrail of this service.',
      blockedOutputsMessaging: 'This answer was blocked by the guardrail of this service.',
      contentPolicyConfig: [{ filtersConfig: [...FILTERS.map((type) => ({ type, inputStrength: strength, outputStrength: strength })), { type: 'PROMPT_ATTACK', inputStrength: strength, outputStrength: 'NONE' }] }],
    });
    this.guardrailArn = this.guardrail.guardrailArn;
  }

  /** The IAM condition that allows a model call only through this guardrail (its ARN, alone or with a version). */
  get condition(): Record<string, Record<string, readonly string[]>> {
    return { StringLike: { 'bedrock:GuardrailIdentifier': [this.guardrailArn, `${this.guardrailArn}:*`] } };
  }
}
