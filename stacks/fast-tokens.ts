/**
 * cdktf records a full stack trace for every token it creates (each reference, each Lazy), with no
 * setting to turn it off; it only uses them to decorate error messages. Measured here: at 1,000
 * services that capture is most of the construction time and a third of the heap, and the output
 * is byte-identical without it. The app turns it off; GROUNDWORK_CDKTF_STACK_TRACES=1 keeps it
 * for debugging a token error.
 */
export function enableFastTokens(): void {
  if (process.env.GROUNDWORK_CDKTF_STACK_TRACES === '1') return;
  // cdktf calls it through its module exports at each use, so replacing the export takes effect.
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
  stackTrace.captureStackTrace = () => [];
}
