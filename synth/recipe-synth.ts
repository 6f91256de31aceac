/**
 * Synthesis of an app given as a recipe (module and exported function) rather than a function:
 * the app is built and synthesized here and never leaves, so its tokens can be released after
 * (synth/cdktf-fast-synth.ts, change 5), and the fast path's own synthesis (changes 6 to 8) can
 * start over in cdktf's order where it cannot promise cdktf's output (an error, an undeclared
 * cross-stack reference), saying why.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdktf';
import { collectGarbage } from '../model/collect-garbage';
import type { ParsedFiles } from '../model/parsed-files';
import { fastPath } from './cdktf-seam';
import { checkPlatformExpressions } from './expression-check';

/** How to build the app, by module and exported function. */
export interface AppRecipe {
  /** Absolute path of the module (require.resolve). */
  readonly module: string;
  readonly exportName: string;
  /** Arguments after the app. */
  readonly args?: ReadonlyArray<string | number | boolean>;
}

export function buildFromRecipe(app: App, recipe: AppRecipe): void {
  const build = require(recipe.module)[recipe.exportName] as unknown;
  if (typeof build !== 'function') throw new Error(`${recipe.module} exports no function ${recipe.exportName}.`);
  build(app, ...(recipe.args ?? []));
}

/** What synthesis did: the stacks it parsed to check them (the analysis reads them from there). */
export interface Synthesized {
  /** Why the app was synthesized a second time, in cdktf's order; undefined where once was enough. */
  readonly cdktfOrder?: string;
  readonly parsed: ParsedFiles;
}

/** Synthesizes the app the recipe builds into `outdir` and checks its expressions. */
export function synthesizeRecipe(recipe: AppRecipe, outdir: string): Synthesized {
  const fast = fastPath();
  // The app never leaves this function: its tokens can go with it, and the tree with them.
  const mark = fast?.tokenMark();
  try {
    // Component by component first; where that cannot say what cdktf would (an error, an undeclared reference), in cdktf's order.
    let cdktfOrder: string | undefined;
    for (const order of ['by-component', 'cdktf'] as const) {
      for (const entry of fs.readdirSync(outdir)) fs.rmSync(path.join(outdir, entry), { recursive: true, force: true });
      const app = new App({ outdir });
      buildFromRecipe(app, recipe);
      collectGarbage(); // what construction left behind, before synthesis
      const synthesis = fast ? fast.synthesizeApp(app, order) : cdktfSynth(app);
      if (synthesis === 'done') break;
      cdktfOrder = synthesis.againInCdktfOrder;
    }
    return { cdktfOrder, parsed: checkPlatformExpressions(outdir) };
  } finally {
    if (fast && mark !== undefined) fast.releaseTokensSince(mark);
  }
}

/** cdktf's own path: App.synth, in cdktf's order by definition. */
function cdktfSynth(app: App): 'done' {
  app.synth();
  return 'done';
}
