/**
 * Reads the literal part of a Terraform expression: `${jsonencode({...})}` as cdktf writes IAM
 * policies, or a plain JSON string. References (aws_sqs_queue.x.arn) become `{ ref: '...' }`.
 * Anything it cannot read returns undefined: rules then treat the value as unknown, not as safe.
 */
export type HclValue = string | number | boolean | null | HclValue[] | { [key: string]: HclValue } | { ref: string };

export function parsePolicyDocument(value: unknown): HclValue | undefined {
  if (typeof value !== 'string') return value && typeof value === 'object' ? (value as HclValue) : undefined;
  const trimmed = value.trim();
  const wrapped = trimmed.match(/^\$\{jsonencode\(([\s\S]*)\)\}$/);
  if (wrapped) return new Parser(wrapped[1]).parseAll();
  try {
    return JSON.parse(trimmed.replace(/\$\$\{/g, '${')) as HclValue;
  } catch {
    return undefined;
  }
}

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parseAll(): HclValue | undefined {
    try {
      const value = this.value();
      this.space();
      return this.at === this.text.length ? value : undefined;
    } catch {
      return undefined;
    }
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++;
  }

  private value(): HclValue {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const token = this.text.slice(this.at).match(/^(-?[0-9]+(\.[0-9]+)?|true|false|null|[A-Za-z_][\w.\-*]*(?:\[[^\]]*\][\w.\-*]*)*)/);
    if (!token) throw new Error(`unexpected ${c}`);
    this.at += token[0].length;
    if (token[0] === 'true') return true;
    if (token[0] === 'false') return false;
    if (token[0] === 'null') return null;
    if (/^-?[0-9]/.test(token[0])) return Number(token[0]);
    return { ref: token[0] };
  }

  private string(): string {
    let out = '';
    this.at++;
    while (this.text[this.at] !== '"') {
      if (this.at >= this.text.length) throw new Error('unterminated string');
      if (this.text[this.at] === '\\') {
        const next = this.text[this.at + 1];
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        this.at += 2;
      } else {
        out += this.text[this.at++];
      }
    }
    this.at++;
    return out;
  }

  private array(): HclValue[] {
    const items: HclValue[] = [];
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') break;
      items.push(this.value());
      this.space();
      if (this.text[this.at] === ',') this.at++;
    }
    this.at++;
    return items;
  }

  private object(): { [key: string]: HclValue } {
    const out: { [key: string]: HclValue } = {};
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === '}') break;
      const key = this.text[this.at] === '"' ? this.string() : String((this.value() as { ref: string }).ref);
      this.space();
      const sep = this.text[this.at];
      if (sep !== '=' && sep !== ':') throw new Error(`expected = after ${key}`);
      this.at++;
      out[key] = this.value();
      this.space();
      if (this.text[this.at] === ',') this.at++;
    }
    this.at++;
    return out;
  }
}
