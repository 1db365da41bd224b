// Issue #9 item 8: control characters in anything printed to a terminal are made visible, never interpreted.
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { terminalSafe, terminalStream } from '../../src/cli/terminal-text.js';

describe('#9 item 8: terminal escapes', () => {
  it.each([
    ['title change (OSC 0)', 'Léa\x1b]0;pwned\x07', 'Léa\\x1B]0;pwned\\x07'],
    ['clipboard write (OSC 52)', '\x1b]52;c;ZWNobyBwd25lZA==\x1b\\', '\\x1B]52;c;ZWNobyBwd25lZA==\\x1B\\'],
    ['clear screen (CSI 2J)', 'x\x1b[2J\x1b[H', 'x\\x1B[2J\\x1B[H'],
    ['8-bit CSI and OSC (C1)', 'a\u009b2Jb\u009d0;t\u009c', 'a\\x9B2Jb\\x9D0;t\\x9C'],
    ['a carriage return inside a line (overwrites it)', 'ADMIS\rAJOURNE', 'ADMIS\\x0DAJOURNE'],
    ['NUL, backspace, DEL', 'a\0b\bc\x7f', 'a\\x00b\\x08c\\x7F'],
    ['bidi override (reorders the line)', 'abc\u202edcba', 'abc\\u202Edcba'],
    ['colour when colour is off', '\x1b[31mErreur\x1b[39m', '\\x1B[31mErreur\\x1B[39m'],
    ['plain text, tab and line breaks', 'Nguyễn Đức\tØdegård\nligne', 'Nguyễn Đức\tØdegård\nligne'],
    ['a progress line rewriting itself', '\r12000 lignes lues…', '\r12000 lignes lues…'],
  ])('%s', (_what, raw, shown) => {
    expect(terminalSafe(raw)).toBe(shown);
  });

  it('keeps the colour sequences when colour is on, and nothing else', () => {
    expect(terminalSafe('\x1b[31mErreur : \x1b]0;x\x07\x1b[39m', { sgr: true })).toBe('\x1b[31mErreur : \\x1B]0;x\\x07\x1b[39m');
  });

  it('terminalStream writes through (strings and UTF-8 bytes cut anywhere) and keeps the target’s other properties', () => {
    const out: string[] = [];
    const target = Object.assign(
      new Writable({
        write(chunk: Buffer, _e, cb) {
          out.push(chunk.toString('utf8'));
          cb();
        },
      }),
      { isTTY: true, columns: 80 },
    );
    const s = terminalStream(target);
    s.write('Léa\x1b]0;t\x07\n');
    const bytes = Buffer.from('Ødegård\x1b[2J');
    s.write(bytes.subarray(0, 1));
    s.write(bytes.subarray(1));
    expect(out.join('')).toBe('Léa\\x1B]0;t\\x07\nØdegård\\x1B[2J');
    expect((s as unknown as { isTTY: boolean }).isTTY).toBe(true);
    expect((s as unknown as { columns: number }).columns).toBe(80);
  });
});
