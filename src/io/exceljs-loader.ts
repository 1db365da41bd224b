// Loads exceljs lazily (≈300 ms of start-up) and repairs its streaming reader first.
//
// exceljs 4.4 `lib/utils/parse-sax.js` decodes every chunk of the zip stream separately, so a multi-byte UTF-8
// character cut by a chunk boundary becomes U+FFFD ("ØDEGÅRD" → "�DEGÅRD"; exceljs issues 2084 and 2316, unfixed,
// see NOTES-LIBRARIES.md). We put a corrected module in the CommonJS cache before exceljs requires it: same
// events, but decoded by one streaming TextDecoder that carries partial characters over to the next chunk.
import { createRequire } from 'node:module';

type ExcelJS = typeof import('exceljs');
let loaded: ExcelJS | undefined;

export function loadExcelJS(): ExcelJS {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
  // saxes is exceljs's own dependency: resolve it from there.
  const { SaxesParser } = createRequire(parseSaxPath)('saxes') as typeof import('saxes');
  const fixed = async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: Error | undefined;
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('error', (err: Error) => {
      error = err;
    });
    parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }));
    const source = Symbol.asyncIterator in iterable ? iterable : toAsync(iterable);
    for await (const chunk of source) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const tail = decoder.decode();
    if (tail) {
      parser.write(tail);
      if (error) throw error;
      yield events;
    }
  };
  const cached = require.cache[parseSaxPath];
  if (!cached || cached.exports !== fixed) {
    // Installed before exceljs (and its readers) are first required, so they bind to the fixed function.
    require.cache[parseSaxPath] = {
      id: parseSaxPath,
      filename: parseSaxPath,
      loaded: true,
      exports: fixed,
    } as unknown as NodeJS.Module;
  }
  loaded = require('exceljs') as ExcelJS;
  return loaded;
}

/** Old-style streams without async iteration (exceljs keeps this path for node 8). */
async function* toAsync(stream: unknown): AsyncIterable<Buffer> {
  const { PassThrough } = await import('node:stream');
  const pass = new PassThrough();
  (stream as NodeJS.ReadableStream).pipe(pass);
  for await (const chunk of pass) yield chunk as Buffer;
}
