// A small XML well-formedness check for report tests (no XML parser in the
// dependencies): balanced tags, quoted attributes, escaped text.
import assert from 'node:assert/strict';

export function checkXml(xml: string): void {
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'), 'XML declaration');
  const body = xml.slice(xml.indexOf('?>') + 2);
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const [, close, name, , selfClose, text, stray] = m;
    assert.equal(stray, undefined, `stray '<' at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|apos);)/, `unescaped & in text: ${text.slice(0, 60)}`);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'control character in text');
      continue;
    }
    if (close) assert.equal(stack.pop(), name, `closing </${name}>`);
    else if (!selfClose) stack.push(name!);
  }
  assert.deepEqual(stack, [], 'every element closed');
}
