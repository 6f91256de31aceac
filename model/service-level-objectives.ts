/**
 * What a valid service level objective is: synth refuses anything else (constructs/slo-alarms.ts)
 * and the catalog keeps nothing else from metadata it reads.
 */

/** Percent of requests, e.g. 99.9: from 50 to below 100 (100 leaves no error budget to burn). */
export const isObjectivePercent = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 50 && value < 100;

/** A latency threshold: a whole number of milliseconds from 1 to 60000. */
export const isLatencyThresholdMs = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 60000;
