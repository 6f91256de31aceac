/**
 * The files inside cdktf that synth/cdktf-fast-synth.ts reaches into, and what it takes from each.
 * Pure data: the seam (synth/cdktf-seam.ts) checks these are where they should be before the fast
 * path is loaded, and the fast path requires them from this list. All written against cdktf 0.21.0.
 */
/** The package the fast path was written against (a fork such as CDK Terrain's `cdktn` is another package: docs/upgrading.md). */
export const CDKTF_PACKAGE = 'cdktf';
export const CDKTF_WRITTEN_FOR = '0.21.0';

export const CDKTF_INTERNALS = {
  stackTrace: { file: 'lib/tokens/private/stack-trace', names: ['captureStackTrace'] },
  resolve: { file: 'lib/tokens/private/resolve', names: ['resolve'] },
  util: { file: 'lib/util', names: ['deepMerge'] },
  token: { file: 'lib/tokens/token', names: ['Token'] },
  encoding: { file: 'lib/tokens/private/encoding', names: ['TokenString', 'containsStringListTokenElement', 'containsNumberListTokenElement', 'containsMapToken', 'unresolved'] },
  tokenMap: { file: 'lib/tokens/private/token-map', names: ['TokenMap'] },
  resolvable: { file: 'lib/tokens/resolvable', names: ['StringConcat'] },
  errors: { file: 'lib/errors', names: ['unableToResolveCircularReference', 'cannotResolveFunction', 'encodedListTokenInScalarStringContext', 'encodedMapTokenInScalarStringContext', 'encodedMapTokenInScalarNumberContext', 'constructsCannotBeResolved', 'mapKeyMustResolveToString', 'appValidationFailure'] },
  synthesizer: { file: 'lib/synthesize/synthesizer', names: ['invokeAspects'] },
  tokens: { file: 'lib/_tokens', names: ['resolve'] },
  element: { file: 'lib/terraform-element', names: ['TerraformElement'] },
} as const;

export type CdktfInternal = keyof typeof CDKTF_INTERNALS;
