/**
 * The one place that changes how cdktf (0.21.0, frozen upstream) synthesizes; nothing else in the
 * project touches cdktf internals, and nothing loads this module but the seam
 * (synth/cdktf-seam.ts), after checking that the installed cdktf is the one it was written for.
 * Output is byte-identical with and without it (tested on the example organisation and a
 * generated one); GROUNDWORK_CDKTF_FAST_SYNTH=0 switches it all off, GROUNDWORK_CDKTF_STACK_TRACES=1
 * only the first change (to debug a token error). GROUNDWORK_CDKTF_FAST_SYNTH_WITHOUT=<n>,... turns
 * single changes off, for `npm run bench -- --changes-only`, which measures what each one saves:
 *
 * 1. Token stack traces: cdktf records a full stack trace for every token it creates, only to
 *    decorate error messages; at 1,000 services that is most of construction time and a third of
 *    the heap.
 * 2. Token resolution: cdktf resolves every element three times per synth (prepare, per element,
 *    the merged stack), and its `resolve` builds two closures, a context, a key path and a joined
 *    path name for every string, number, key and value. The port below keeps the algorithm and
 *    every check, in the same order, but returns plain values (a string with no token marker and
 *    no encoded number, an ordinary number) without that bookkeeping, and builds the path name
 *    only when it throws.
 * 3. (Removed: processDynamicAttributes and keysToSnakeCase as plain loops saved under 5 % of
 *    synth time at 1,000 services: README, Performance.)
 * 4. App.synth in steps: `synthesizeStacks` runs App.synth's steps (prepare, then synthesize, in
 *    stack order) and `finishSynth` its last steps (app validation, the manifest), so that change 6
 *    can sit between them. Only public cdktf API is used.
 * 5. Tokens released: cdktf's token map (a process-wide singleton) keeps every token, and through
 *    it the whole construct tree, alive for the life of the process. An app that was built and
 *    synthesized where nothing else can reach it (synth/recipe-synth.ts) gives its tokens back,
 *    so the analysis after synth does not run beside a dead tree (about 120 MB at 1,000 services).
 * 6. Resolved once: cdktf resolves every element while preparing, throws the result away, and
 *    resolves it again when it writes the stack, because Aspects run in between and may change
 *    elements. Where every Aspect of the app's stacks is marked RUNS_BEFORE_PREPARE
 *    (model/aspect-timing.ts: they never touch what preparing adds), they run first, preparing
 *    keeps what it resolved, and the stack is written from it (a port of TerraformStack.toTerraform
 *    that takes the kept fragments), one component of dependent stacks at a time; any failure or
 *    undeclared cross-stack reference starts over in cdktf's order. About a quarter of synthesis.
 *    While a stack is written, validations can read what preparing resolved
 *    (model/resolved-configuration.ts) instead of rendering elements again.
 * 7. Merged once: cdktf deep-copies every resolved fragment into the stack and resolves the whole
 *    merged stack again. Fragments resolved while preparing hold no token; where the stack's own
 *    overrides and metadata hold none either, that last resolve returns the same JSON, so the
 *    fragments are merged without copies and the merged stack is written as it is.
 * 8. (Removed: the stack written by JSON.stringify in key order instead of json-stable-stringify
 *    saved under 5 % of synth time at 1,000 services: README, Performance.)
 *
 * Profile before and after: docs/platform-engineers.md, Performance.
 */

import { App, Aspects, TerraformOutput, TerraformStack } from 'cdktf';
import { RUNS_BEFORE_PREPARE } from '../model/aspect-timing';
import { groupBy } from '../model/group-by';
import { withResolvedConfigurations } from '../model/resolved-configuration';
import { CDKTF_INTERNALS, CDKTF_PACKAGE, CdktfInternal } from './cdktf-internals';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ResolveOptions {
  scope: unknown;
  preparing: boolean;
  resolver: Json;
  prefix?: string[];
  previousContext?: Json;
}

/** A cdktf internal from the list the seam checked; a name missing stops loading (the seam then takes cdktf's own path). */
function internal(key: CdktfInternal): Json {
  const { file, names } = CDKTF_INTERNALS[key];
  const loaded = require(`${CDKTF_PACKAGE}/${file}`);
  const missing = names.filter((name) => loaded[name] === undefined);
  if (missing.length) throw new Error(`${CDKTF_PACKAGE}/${file} exports no ${missing.join(', ')}`);
  return loaded;
}

const cdktf = Object.fromEntries(Object.keys(CDKTF_INTERNALS).map((key) => [key, internal(key as CdktfInternal)])) as Record<CdktfInternal, Json>;

/** The changes switched off by GROUNDWORK_CDKTF_FAST_SYNTH_WITHOUT (a measuring aid: the output stays the same). */
const switchedOff = new Set((process.env.GROUNDWORK_CDKTF_FAST_SYNTH_WITHOUT ?? '').split(',').map((n) => n.trim()));
const changeOn = (change: number) => !switchedOff.has(String(change));

let enabled = false;

/** Applies the changes once per process (each is idempotent); reads the switches from the environment. */
export function enableFastSynth(): void {
  if (enabled) return;
  enabled = true;
  if (process.env.GROUNDWORK_CDKTF_STACK_TRACES !== '1' && changeOn(1)) {
    // cdktf calls it through its module exports at each use, so replacing the export takes effect.
    const stackTrace = cdktf.stackTrace as { captureStackTrace: () => string[] };
    stackTrace.captureStackTrace = () => [];
  }
  // Tokenization.resolve, cdktf's only caller, reads it through the module's exports at each call.
  const resolveModule = cdktf.resolve as { resolve: unknown };
  if (changeOn(2)) resolveModule.resolve = fastResolve;
}

const encoding = cdktf.encoding;
const { TokenMap } = cdktf.tokenMap;
const { Token } = cdktf.token;
const { StringConcat } = cdktf.resolvable;
const errors = cdktf.errors;

const tokenMap = TokenMap.instance();
const lookupToken = tokenMap.lookupToken.bind(tokenMap);
/** cdktf's NUMBER_TOKEN_REGEX without the global flag (a string it matches takes cdktf's own path). */
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
/** Encoded number tokens are doubles below -2^960 (top 16 bits 0xfdff or 0xfbff); see cdktf encoding.ts. */
const LOWEST_PLAIN_NUMBER = -1e280;

/** A string that resolves to itself: no token marker, no encoded number, not a map-token value. */
function isPlainString(s: string): boolean {
  return !s.includes('TfToken[') && s !== Token.STRING_MAP_TOKEN_VALUE && s !== Token.ANY_MAP_TOKEN_VALUE && !NUMBER_TOKEN.test(s);
}

function isPlainNumber(n: number): boolean {
  return (n > LOWEST_PLAIN_NUMBER || Number.isNaN(n)) && n !== Token.NUMBER_MAP_TOKEN_VALUE;
}

/** cdktf's resolve (tokens/private/resolve.ts), same checks in the same order, plain values fast. */
function fastResolve(obj: Json, options: ResolveOptions): Json {
  const prefix = options.prefix || [];
  const pathName = () => '/' + prefix.join('/');
  function makeContext(appendPath?: string): [Json, { postProcess(x: Json): Json }] {
    const newPrefix = appendPath !== undefined ? prefix.concat([appendPath]) : options.prefix;
    let postProcessor: Json;
    const context: Json = {
      preparing: options.preparing,
      scope: options.scope,
      suppressBraces: options.previousContext?.suppressBraces,
      ignoreEscapes: options.previousContext?.ignoreEscapes,
      warnEscapes: options.previousContext?.warnEscapes,
      iteratorContext: options.previousContext?.iteratorContext,
      registerPostProcessor(pp: Json) {
        postProcessor = pp;
      },
      resolve(x: Json) {
        return fastResolve(x, { ...options, prefix: newPrefix, previousContext: context });
      },
    };
    return [context, { postProcess: (x: Json) => (postProcessor ? postProcessor.postProcess(x, context) : x) }];
  }
  /** What `makeContext(key)[0].resolve(x)` returns, without the context when x is plain. */
  function child(x: Json, key: string | undefined, shared: { context?: Json }): Json {
    if (prefix.length >= 200) return key === undefined ? makeContext()[0].resolve(x) : makeContext(key)[0].resolve(x);
    if (typeof x === 'string' && isPlainString(x)) return x;
    if (typeof x === 'number' && isPlainNumber(x)) return x;
    if (typeof x === 'boolean' || x === null || x === undefined) return x;
    if (key === undefined) {
      // The context a key is resolved with never reaches a token's code except through this call.
      shared.context ??= makeContext()[0];
      return shared.context.resolve(x);
    }
    return makeContext(key)[0].resolve(x);
  }

  if (prefix.length > 200) throw errors.unableToResolveCircularReference(pathName());
  if (typeof obj === 'undefined') return undefined;
  if (obj === null) return null;
  if (typeof obj === 'function') throw errors.cannotResolveFunction(pathName(), obj);

  if (typeof obj === 'string') {
    if (encoding.TokenString.forListToken(obj).test()) throw errors.encodedListTokenInScalarStringContext();
    if (obj === Token.STRING_MAP_TOKEN_VALUE || obj === Token.ANY_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarStringContext();
    if (isPlainString(obj)) return obj;
    let str = obj;
    const context = makeContext()[0];
    const tokenStr = encoding.TokenString.forString(str, !context.ignoreEscapes, context.warnEscapes);
    if (tokenStr.test()) {
      const fragments = tokenStr.split(lookupToken);
      str = options.resolver.resolveString(fragments, makeContext()[0]);
    }
    const tokenNumberStr = encoding.TokenString.forNumbers(str);
    if (tokenNumberStr.test()) {
      const fragments = tokenNumberStr.split((id: string) => TokenMap.instance().lookupNumberToken(parseFloat(id)));
      str = fragments.mapTokens(makeContext()[0]).join(new StringConcat());
    }
    return str;
  }

  if (typeof obj === 'number') {
    if (obj === Token.NUMBER_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarNumberContext();
    if (isPlainNumber(obj)) return obj;
    const token = TokenMap.instance().lookupNumberToken(obj);
    return token === undefined ? obj : makeContext()[0].resolve(token);
  }

  if (typeof obj !== 'object' || obj instanceof Date) return obj;

  if (Array.isArray(obj)) {
    if (encoding.containsStringListTokenElement(obj)) return options.resolver.resolveList(obj, makeContext()[0]);
    if (encoding.containsNumberListTokenElement(obj)) return options.resolver.resolveNumberList(obj, makeContext()[0]);
    const arr: Json[] = [];
    const shared = {};
    for (let i = 0; i < obj.length; i++) {
      const value = child(obj[i], `${i}`, shared);
      if (typeof value !== 'undefined') arr.push(value);
    }
    return arr;
  }

  if (encoding.containsMapToken(obj)) return options.resolver.resolveMap(obj, makeContext()[0]);
  if (encoding.unresolved(obj)) {
    const [context, postProcessor] = makeContext();
    return options.resolver.resolveToken(obj, context, postProcessor);
  }
  if (obj._children !== undefined && obj._metadata !== undefined) throw errors.constructsCannotBeResolved(pathName());

  const result: Record<string, Json> = {};
  const keyContext = {};
  for (const key of Object.keys(obj)) {
    const resolvedKey = child(key, undefined, keyContext);
    if (typeof resolvedKey !== 'string') throw errors.mapKeyMustResolveToString(pathName(), key, resolvedKey);
    const value = child(obj[key], key, keyContext);
    if (typeof value === 'undefined') continue;
    result[resolvedKey] = value;
  }
  return result;
}

// 4. App.synth in steps ---------------------------------------------------------------------------

/** Where synthesis stopped, ordered as App.synth would meet it: every prepare before any synthesize, in stack order. */
interface GroupFailure {
  readonly phase: 'prepare' | 'synthesize';
  readonly stackIndex: number;
  readonly error: unknown;
}

interface GroupSynthesis {
  /** A reference, found while preparing, from a stack of a component to a stack outside it (no declared dependency). */
  readonly crossGroupReference?: string;
  readonly failure?: GroupFailure;
  /** Synthesized component by component, something failed: which error cdktf reports first needs its own order; synthesize again in it. */
  readonly retryInOrder?: true;
}

/** The app's stacks in the order App.synth visits them. */
function stacksOf(app: App): TerraformStack[] {
  return app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
}

/** App.synth's prepare and synthesize steps for the app's stacks, in the same order (by component of dependent stacks where change 6 applies). */
function synthesizeStacks(app: App, order: 'by-component' | 'cdktf'): GroupSynthesis {
  const own = stacksOf(app).map((stack, stackIndex) => ({ stack, stackIndex }));
  const early = changeOn(6) && own.every(({ stack }) => aspectsRunBeforePrepare(stack)) ? runAspectsFirst(own) : undefined;
  const prepared = new WeakMap<object, unknown>();
  if (early && order === 'by-component') {
    try {
      return synthesizeByComponent(app, own, early.failure, prepared);
    } finally {
      early.restore();
    }
  }
  try {
    for (const { stack, stackIndex } of own) {
      try {
        if (early) prepareKeepingResults(stack, prepared);
        else stack.prepareStack();
      } catch (error) {
        return { failure: { phase: 'prepare', stackIndex, error } };
      }
    }
    const session = sessionOf(app);
    let failure: GroupFailure | undefined;
    for (const { stack, stackIndex } of own) {
      // An Aspect that threw when run first stops synthesis where cdktf would have run it: at its stack.
      if (early?.failure && stackIndex >= early.failure.stackIndex) {
        failure = early.failure;
        break;
      }
      try {
        synthesizeStack(stack, session, early ? prepared : undefined);
      } catch (error) {
        failure = { phase: 'synthesize', stackIndex, error };
        break;
      }
    }
    return { failure };
  } finally {
    early?.restore();
  }
}

// 6. Resolved once -------------------------------------------------------------------------------

const { invokeAspects } = cdktf.synthesizer as { invokeAspects: (root: unknown) => void };
const { resolve: resolveTokens } = cdktf.tokens as { resolve: (scope: unknown, obj: unknown, preparing?: boolean) => Json };
const { deepMerge } = cdktf.util as { deepMerge: (target: Json, ...sources: Json[]) => Json };
const { TerraformElement } = cdktf.element;

/** Whether every Aspect in the stack (none counts) is marked to run before prepare. */
function aspectsRunBeforePrepare(stack: TerraformStack): boolean {
  return stack.node.findAll().every((node) => Aspects.of(node).all.every((aspect) => (aspect as { [RUNS_BEFORE_PREPARE]?: boolean })[RUNS_BEFORE_PREPARE] === true));
}

/**
 * Runs the app's Aspects now, stack by stack as cdktf would, then takes them off their nodes so
 * cdktf's synthesizer does not run them a second time (`restore` puts them back). An Aspect that
 * throws is kept as the failure of its stack.
 */
function runAspectsFirst(own: ReadonlyArray<{ stack: TerraformStack; stackIndex: number }>): { failure?: GroupFailure; restore: () => void } {
  let failure: GroupFailure | undefined;
  for (const { stack, stackIndex } of own) {
    try {
      invokeAspects(stack);
    } catch (error) {
      failure = { phase: 'synthesize', stackIndex, error };
      break;
    }
  }
  const taken: Array<[Json[], Json[]]> = [];
  for (const { stack } of own) {
    for (const node of stack.node.findAll()) {
      const list = (Aspects.of(node) as unknown as { _aspects: Json[] })._aspects;
      if (list.length) taken.push([list, list.splice(0)]);
    }
  }
  return { failure, restore: () => taken.forEach(([list, aspects]) => list.push(...aspects)) };
}

/** The stack's elements in cdktf's order (terraform-stack.ts `terraformElements`: not into substacks). */
function elementsOf(node: Json, into: Json[] = []): Json[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

/** TerraformStack.prepareStack, keeping each element's resolved configuration. */
function prepareKeepingResults(stack: TerraformStack, prepared: WeakMap<object, unknown>): void {
  stack.ensureBackendExists();
  for (const element of elementsOf(stack)) prepared.set(element, resolveTokens(stack, element.toTerraform(), true));
}

/**
 * TerraformStack.toTerraform (cdktf 0.21), taking each element's configuration as preparing resolved
 * it; elements preparing added (cross-stack outputs, remote state) are resolved here, as cdktf does.
 */
function toTerraformFrom(stack: TerraformStack, prepared: WeakMap<object, unknown>): Json {
  const self = stack as Json;
  const tf: Json = {};
  const metadata: Json = {
    version: self.cdktfVersion,
    stackName: stack.node.id,
    backend: 'local',
    cloud: undefined,
    ...(Object.keys(self.rawOverrides).length > 0 ? { overrides: { stack: Object.keys(self.rawOverrides) } } : {}),
  };
  const elements = elementsOf(stack);
  for (const meta of elements.map((e) => resolveTokens(stack, e.toMetadata()))) deepMerge(metadata, meta);
  const outputs = elements.reduce((carry: Json, item: Json) => {
    if (!TerraformOutput.isTerraformOutput(item)) return carry;
    deepMerge(carry, item.node.path.split('/').reduceRight((inner: Json, part: string) => (Object.keys(inner).length === 0 ? { [part]: item.friendlyUniqueId } : { [part]: inner }), {}));
    return carry;
  }, {});
  tf['//'] = { metadata, outputs };
  let plain = changeOn(7) && isPlainData(tf['//']) && isPlainData(self.rawOverrides);
  const fragments = elements.map((e) => {
    if (!prepared.has(e)) {
      // Elements preparing added (cross-stack outputs, remote state): few, checked.
      const fragment = resolveTokens(stack, e.toTerraform());
      plain &&= isPlainData(fragment);
      return fragment;
    }
    const fragment = prepared.get(e);
    prepared.delete(e);
    return fragment;
  });
  // cdktf merges copies of the fragments and resolves the merged stack once more. Resolved
  // fragments hold no token: where the rest holds none either, that last resolve returns the same
  // JSON, and the fragments (each used once) can be merged without copying.
  for (const fragment of fragments) (plain ? mergeUsedOnce : deepMerge)(tf, fragment);
  deepMerge(tf, self.rawOverrides);
  return plain ? tf : resolveTokens(stack, tf);
}

/**
 * Data that resolving returns as the same JSON: plain objects and arrays of plain strings, numbers,
 * booleans and null (undefined only as an object's value: resolving drops it from an array, JSON writes null).
 */
function isPlainData(value: Json): boolean {
  switch (typeof value) {
    case 'string':
      return isPlainString(value);
    case 'number':
      return isPlainNumber(value);
    case 'boolean':
    case 'undefined':
      return true;
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((item) => item !== undefined && isPlainData(item));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key of Object.keys(value)) if (!isPlainString(key) || !isPlainData(value[key])) return false;
      return true;
    }
    default:
      return false;
  }
}

/** cdktf's deepMerge, except that an object the target lacks is taken as it is rather than copied: the source is not used again. */
function mergeUsedOnce(target: Json, source: Json): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (isObject && typeof target[key] === 'object') mergeUsedOnce(target[key], value);
    else if (isObject) target[key] = value;
    else deepMerge(target, { [key]: value });
  }
}

/**
 * Change 6 with less memory: what preparing resolved is kept for one component of stacks joined by
 * declared dependencies at a time (prepared, then written), not for the whole app. cdktf
 * prepares every stack before writing any, which decides which of several errors it reports
 * first: on any failure this gives up (`retryInOrder`) and the caller synthesizes again in
 * cdktf's order. A dependency leaving a component (an undeclared cross-stack reference) likewise.
 */
function synthesizeByComponent(app: App, own: ReadonlyArray<{ stack: TerraformStack; stackIndex: number }>, aspectFailure: GroupFailure | undefined, prepared: WeakMap<object, unknown>): GroupSynthesis {
  if (aspectFailure) return { retryInOrder: true };
  const session = sessionOf(app);
  for (const component of componentsOf(own.map(({ stack }) => stack))) {
    try {
      for (const stack of component) prepareKeepingResults(stack, prepared);
      const crossGroupReference = referenceLeaving(component, new Set(component.map((stack) => stack.node.path)));
      if (crossGroupReference) return { crossGroupReference };
      for (const stack of component) synthesizeStack(stack, session, prepared);
    } catch {
      return { retryInOrder: true };
    }
  }
  return {};
}

const sessionOf = (app: App) => ({ outdir: app.outdir, skipValidation: app.skipValidation, manifest: app.manifest });

/** A dependency (made by preparing, from a cross-stack reference) from one of the stacks to a stack outside `paths`, named. */
function referenceLeaving(stacks: readonly TerraformStack[], paths: ReadonlySet<string>): string | undefined {
  for (const stack of stacks) {
    const outside = stack.dependencies.find((d) => !paths.has(d.node.path));
    if (outside) return `${stack.node.path} → ${outside.node.path}`;
  }
  return undefined;
}

/** The stack's own synthesizer; given what preparing resolved, the stack is written from it (change 6). */
function synthesizeStack(stack: TerraformStack, session: ReturnType<typeof sessionOf>, prepared?: WeakMap<object, unknown>): void {
  if (!prepared) {
    (stack.synthesizer as Json).synthesize(session);
    return;
  }
  Object.defineProperty(stack, 'toTerraform', { value: () => toTerraformFrom(stack, prepared), configurable: true });
  try {
    // Validations (the platform's Kubernetes label check) read what preparing resolved instead of rendering elements again.
    withResolvedConfigurations(prepared, () => (stack.synthesizer as Json).synthesize(session));
  } finally {
    delete (stack as { toTerraform?: unknown }).toTerraform;
  }
}

/** Stacks joined by declared dependencies, each component in stack order, components by their first stack. */
function componentsOf(stacks: readonly TerraformStack[]): TerraformStack[][] {
  const root = new Map<string, string>(stacks.map((s) => [s.node.path, s.node.path]));
  const find = (p: string): string => (root.get(p) === p ? p : find(root.get(p)!));
  for (const stack of stacks) for (const d of stack.dependencies) if (root.has(d.node.path)) root.set(find(d.node.path), find(stack.node.path));
  return [...groupBy(stacks, (stack) => find(stack.node.path)).values()];
}

/** Why synthesis must start over in cdktf's order, in words a user can act on. */
const AGAIN_FOR_AN_ERROR = 'an error, reported as cdktf reports it';
const undeclaredReference = (reference: string) => `a cross-stack reference (${reference}) joins stacks with no declared dependency: declare it with addDependency`;

/**
 * App.synth, in steps (and change 6): the synthesis of a recipe. 'done', or why it must be synthesized again in cdktf's order (nothing
 * usable was written): a fast path that silently fell back would only show as a slower synth.
 */
export function synthesizeApp(app: App, order: 'by-component' | 'cdktf'): 'done' | { againInCdktfOrder: string } {
  if (!changeOn(4)) {
    app.synth();
    return 'done';
  }
  const result = synthesizeStacks(app, order);
  if (result.retryInOrder) return { againInCdktfOrder: AGAIN_FOR_AN_ERROR };
  if (result.crossGroupReference) return { againInCdktfOrder: undeclaredReference(result.crossGroupReference) };
  if (result.failure) throw result.failure.error;
  finishSynth(app);
  return 'done';
}

/** App.synth's last steps, once every stack is synthesized: app validation, manifest.json. */
function finishSynth(app: App): void {
  if (!app.skipValidation) {
    const validations = app.node.validate();
    if (validations.length) throw errors.appValidationFailure(validations.join('\n  '));
  }
  app.manifest.writeToFile();
}

// 5. Tokens released ----------------------------------------------------------------------------

/** Where the token counter stands: tokens registered from now on can be released together. */
export function tokenMark(): number {
  return tokenMap.tokenCounter;
}

/** Forgets the tokens registered since the mark (string keys end in ".<counter>", number keys are the counter). */
export function releaseTokensSince(mark: number): void {
  if (!changeOn(5)) return;
  for (const key of tokenMap.stringTokenMap.keys()) if (Number(key.slice(key.lastIndexOf('.') + 1)) >= mark) tokenMap.stringTokenMap.delete(key);
  for (const key of tokenMap.numberTokenMap.keys()) if (key >= mark) tokenMap.numberTokenMap.delete(key);
}
