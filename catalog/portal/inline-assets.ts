import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The page's own script and style, shipped as source files beside this module (client/) and
 * inlined at build time, with the sha256 hashes the Content-Security-Policy allows them by.
 */
export interface InlineAssets {
  readonly script: string;
  readonly style: string;
  readonly contentSecurityPolicy: string;
}

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

let cached: InlineAssets | undefined;

export function inlineAssets(): InlineAssets {
  if (cached) return cached;
  const read = (file: string) => fs.readFileSync(path.join(__dirname, 'client', file), 'utf8');
  // The unpacker first (a function declaration), then the page's script, as one inline script.
  const script = `${read('unpack.js')}\n${read('portal.js')}`;
  const style = read('portal.css');
  // A closing tag inside either would end the inline block early: a bug in the source, not input.
  if (/<\/script|<!--/i.test(script) || /<\/style/i.test(style)) throw new Error('catalog/portal/client: the inline script or style contains a closing tag or comment opener');
  // default-src 'none': no fetch, image, font, frame or connection of any kind; only the one
  // script and the one style, by hash. (A meta CSP cannot set frame-ancestors; nothing else is lost.)
  const contentSecurityPolicy = [`default-src 'none'`, `script-src ${hash(script)}`, `style-src ${hash(style)}`, `img-src 'none'`, `base-uri 'none'`, `form-action 'none'`].join('; ');
  cached = { script, style, contentSecurityPolicy };
  return cached;
}
