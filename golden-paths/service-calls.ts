import { GroundworkError } from '../model/errors';
import { allowCall, CallEnd } from '../constructs/service-call-rules';

/** A service as the calls between services see it. */
export interface CallParty {
  readonly service: string;
  readonly goldenPath: string;
  /** Environments it runs in, sorted. */
  readonly environments: readonly string[];
  /** Its ends per environment. */
  readonly ends: Readonly<Record<string, CallEnd>>;
  /** The port its pods take calls on; undefined: it takes none (a worker). */
  readonly port?: number;
}

/** The variable a caller's pods find a callee's address in: SERVICE_<NAME>_URL. */
export const callVariable = (callee: string): string => `SERVICE_${callee.toUpperCase().replace(/-/g, '_')}_URL`;
/** The callee's Service in its namespace: port 80 in front of its pods' port. */
export const callUrl = (callee: string): string => `http://${callee}.${callee}.svc.cluster.local`;

/**
 * Calls between the organisation's services (`calls: ['ledger']`): each is allowed at both ends
 * once both services exist, whichever comes first; a callee no service ever claims is reported
 * when the app is validated at synth (`problems`).
 */
export class ServiceCalls {
  private readonly parties = new Map<string, CallParty>();
  private readonly waiting = new Map<string, string[]>();

  /** Checks a service's calls before anything is built: a list of names, no self-call. */
  static check(service: string, calls: unknown): readonly string[] {
    if (calls === undefined) return [];
    const list = calls as string[];
    if (list.includes(service)) throw new GroundworkError(`Service "${service}": prop calls names the service itself; a service reaches its own pods without a call (remove "${service}").`);
    return list;
  }

  /** Registers a service and its calls; connects every call whose other end is known. */
  register(party: CallParty, calls: readonly string[]): void {
    this.parties.set(party.service, party);
    for (const callee of calls) {
      const known = this.parties.get(callee);
      if (known) this.connect(party, known);
      else this.waiting.set(callee, [...(this.waiting.get(callee) ?? []), party.service]);
    }
    for (const caller of this.waiting.get(party.service) ?? []) this.connect(this.parties.get(caller)!, party);
    this.waiting.delete(party.service);
  }

  /** Calls to services that do not exist, one sentence each (for the app's validation at synth). */
  problems(): string[] {
    const names = [...this.parties.keys()].sort().join(', ');
    return [...this.waiting].flatMap(([callee, callers]) => callers.map((caller) => `Service "${caller}": prop calls names "${callee}", which is not a service of the organisation (services: ${names}).`));
  }

  private connect(caller: CallParty, callee: CallParty): void {
    if (callee.port === undefined) throw new GroundworkError(`Service "${caller.service}": prop calls names "${callee.service}", a ${callee.goldenPath}, which takes no calls (only an http-service does).`);
    const missing = caller.environments.filter((e) => !callee.environments.includes(e));
    if (missing.length) {
      throw new GroundworkError(`Service "${caller.service}": prop calls names "${callee.service}", which does not run in ${missing.join(', ')} (it runs in ${callee.environments.join(', ')}); a call stays in its environment, so run both in the same ones.`);
    }
    for (const env of caller.environments) allowCall(caller.ends[env], callee.ends[env], callee.port);
  }
}
