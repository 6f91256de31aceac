import { CronExpressionParser } from 'cron-parser';

/** A fixed reference month (730 hours from a Sunday), so runs per month are the same on every machine. */
const REFERENCE_START = Date.parse('2025-01-05T00:00:00Z');
const MONTH_MS = 730 * 3600 * 1000;

/** The reason a five-field cron schedule is invalid, or undefined when it is valid. */
export function cronProblem(schedule: string): string | undefined {
  if (schedule.trim().split(/\s+/).length !== 5 && !schedule.startsWith('@')) return 'needs five fields: minute hour day-of-month month day-of-week';
  try {
    CronExpressionParser.parse(schedule, { tz: 'UTC' });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** How many times a schedule fires in a 730-hour month (counted, not estimated). */
export function runsPerMonth(schedule: string, timeZone = 'UTC'): number {
  const it = CronExpressionParser.parse(schedule, { currentDate: new Date(REFERENCE_START - 1), endDate: new Date(REFERENCE_START + MONTH_MS), tz: timeZone });
  let runs = 0;
  while (it.hasNext() && runs < 50000) {
    it.next();
    runs++;
  }
  return runs;
}

/** Why a time zone is not an IANA time zone name as Kubernetes and cron read it, or undefined. */
export function timeZoneProblem(timeZone: string): string | undefined {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC' || Intl.supportedValuesOf('timeZone').includes(timeZone)) return undefined;
  try {
    // Also accepts IANA links the list leaves out (Asia/Calcutta), but only as spelled in the database.
    if (new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone === timeZone) return undefined;
  } catch {
    // RangeError: not a time zone at all.
  }
  return 'is not an IANA time zone name such as Etc/UTC or Europe/Paris';
}
