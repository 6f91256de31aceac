/** The middle value of a run's measurements (the upper middle for an even count): what the benchmarks report. */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
