/**
 * A policy the constructs write as `${jsonencode({...})}` read back as an object for assertions:
 * HCL's `=` becomes `:` and a bare reference becomes its text, e.g. "aws_s3_bucket.logs.arn".
 */
export function policyDocument(text: string): Record<string, any> {
  const body = text.replace(/^\$\{jsonencode\(([\s\S]*)\)\}$/, '$1');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      // Copy the string, with its nested ${...} templates, as it is.
      let j = i + 1;
      let depth = 0;
      for (; j < body.length; j++) {
        if (body[j] === '\\') j++;
        else if (body[j] === '$' && body[j + 1] === '{') depth++;
        else if (body[j] === '}' && depth) depth--;
        else if (body[j] === '"' && !depth) break;
      }
      out += body.slice(i, j + 1);
      i = j;
    } else if (c === '=' ) out += ':';
    else if (/[a-z]/.test(c) && !/[A-Za-z0-9_]/.test(body[i - 1] ?? '')) {
      const word = body.slice(i).match(/^[A-Za-z0-9_.\-[\]]+/)![0];
      out += ['true', 'false', 'null'].includes(word) ? word : JSON.stringify(word);
      i += word.length - 1;
    } else out += c;
  }
  return JSON.parse(out);
}
