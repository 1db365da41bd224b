// The CLI as one ESM bundle (dist/bundle/ccst.js + a chunk per lazily imported command), made by `npm run build` after
// tsc. Why: every `ccst` run loaded ≈ 430 ESM modules (kysely ≈ 260, zod ≈ 95): most of its start-up CPU went to
// resolving and compiling those files one by one — README « Développement », « Démarrage de la CLI ».
// Inlined: our code, kysely, zod, commander, chalk (pure JavaScript, needed by nearly every command). Left outside and
// imported as before: the native addons and the heavy libraries that only some commands load, lazily (exceljs,
// pdfkit, vega…): bundling them would bring no gain to the commands that do not use them.
// `import.meta.url` of each source file is rewritten to the URL of its tsc-compiled twin in dist/ (a sibling folder):
// worker threads (`new Worker(new URL('./worker.js', import.meta.url))`), templates/ and fixtures/ are found where
// they were, and a worker runs the tsc output it always ran.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = path.join(ROOT, 'dist', 'bundle');

const INLINED = new Set(['kysely', 'zod', 'commander', 'chalk']);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const EXTERNAL = Object.keys(pkg.dependencies).filter((d) => !INLINED.has(d));

/** src/x/y.ts → the URL of dist/x/y.js, written relative to the bundle's folder (the bundle can be moved whole). */
const importMetaUrl = {
  name: 'import-meta-url-of-tsc-output',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const twin = path.join(ROOT, 'dist', path.relative(path.join(ROOT, 'src'), args.path)).replace(/\.ts$/, '.js');
      const rel = path.relative(BUNDLE_DIR, twin).split(path.sep).join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * Builds into a fresh folder beside dist/bundle, then swaps it in: a `ccst` started meanwhile (a test run in the same
 * checkout) never meets a half-written bundle.
 */
export async function bundle() {
  const fresh = `${BUNDLE_DIR}.${process.pid}`;
  await fs.promises.rm(fresh, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { ccst: 'src/cli/main.ts' },
    outdir: fresh,
    // One folder for the entry and its chunks: the rewritten import.meta.url is relative to it.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true, // each `import('./commands/x.js')` stays a separate file, loaded when the command runs
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL.flatMap((d) => [d, `${d}/*`]),
    sourcemap: true, // bin/ccst.js turns them on with --debug: stack traces name src/*.ts lines
    // Packages written for CommonJS (commander's ESM face wraps its CJS) need a `require` inside an ESM bundle.
    banner: { js: "import { createRequire as __ccstCreateRequire } from 'node:module'; const require = __ccstCreateRequire(import.meta.url);" },
    plugins: [importMetaUrl],
    logLevel: 'warning',
    metafile: true,
  });
  const old = `${BUNDLE_DIR}.old.${process.pid}`;
  if (fs.existsSync(BUNDLE_DIR)) await fs.promises.rename(BUNDLE_DIR, old);
  await fs.promises.rename(fresh, BUNDLE_DIR);
  await fs.promises.rm(old, { recursive: true, force: true });
  return result;
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const t0 = Date.now();
  const { metafile } = await bundle();
  const files = Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'));
  process.stdout.write(`bundle : ${files.length} fichiers dans ${path.relative(ROOT, BUNDLE_DIR)}/ en ${Date.now() - t0} ms\n`);
}
