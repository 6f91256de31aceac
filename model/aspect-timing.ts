/**
 * Marks an Aspect that may run before cdktf's prepare step instead of after it: it neither reads
 * nor changes what preparing adds (cross-stack outputs, remote-state data sources), so running it
 * first gives the same output. When every Aspect of a stack is so marked, synthesis runs them
 * first and reuses what preparing resolved instead of resolving every element again
 * (synth/cdktf-fast-synth.ts, change 6). Unmarked Aspects (a user's) keep cdktf's order.
 */
export const RUNS_BEFORE_PREPARE: unique symbol = Symbol.for('groundwork.aspect.runs-before-prepare');
