// What ccst prints to a terminal cannot drive it (issue #9 item 8): a name, a file name or a library message quoting a
// cell could hold ESC/OSC/CSI sequences (change the window title, clear the screen, write the clipboard with OSC 52).
// Every control character is shown as a visible escape (« \x1B », « \u009B ») instead, in one place: the streams
// of the Ctx (processCtx) and main.ts's error printing go through terminalSafe.

/** C0 but tab and LF, DEL, C1, and the bidi embedding/override/isolate controls (they reorder what is shown). */
const UNSAFE = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/g;
/** The colour sequences chalk writes (SGR): kept when colour is on, escaped like the rest when it is off. */
const SGR = /\x1b\[[0-9;]*m/y;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `text` with every control character made visible. `sgr`: colour sequences are ours (chalk) and kept.
 * A carriage return opening the text is kept too: it is how a progress line rewrites itself (« \r12000 lignes lues… »).
 */
export function terminalSafe(text: string, opts: { sgr?: boolean } = {}): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  const start = text.charCodeAt(0) === 13 ? 1 : 0;
  const body = text.slice(start).replace(UNSAFE, (ch, offset: number, whole: string) => {
    if (opts.sgr && ch === '\x1b') {
      SGR.lastIndex = offset;
      if (SGR.test(whole)) return ch;
    }
    return visible(ch);
  });
  return (start ? '\r' : '') + body;
}

/** A stream that writes terminalSafe(text) to `target` (with its backpressure); bytes are decoded as UTF-8. */
export function terminalStream(target: NodeJS.WritableStream, opts: { sgr?: boolean } = {}): NodeJS.WritableStream {
  const decoder = new TextDecoder('utf-8');
  const write = (chunk: unknown, encoding?: unknown, cb?: unknown): boolean => {
    const callback = typeof encoding === 'function' ? encoding : cb;
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    return target.write(terminalSafe(text, opts), callback as (() => void) | undefined);
  };
  // A proxy keeps everything else of the target (isTTY, columns, once('drain'), end…) as it is.
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop === 'write') return write;
      const v = Reflect.get(t, prop, receiver);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}
