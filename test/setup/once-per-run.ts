// vitest runs the root config's globalSetup for the root project and again for each project that extends it
// (`extends: true` merges the lists): with the sqlite, postgres and hostile projects, `npm test` made the private
// temporary folder, the CLI bundle and the template workspace four times each, one after the other, before any test
// started (CI time, README « Développement »). A setup wrapped here does its work on the first call of the run and
// undoes it on the last teardown — after every project that may still use it has torn down its own setups.
type Teardown = () => unknown;
interface Shared { users: number; teardown?: Teardown | void }

// globalThis, not a module variable: each project may load the setup file as its own module instance.
const runs: Map<string, Shared> = ((globalThis as { __ccstOncePerRun?: Map<string, Shared> }).__ccstOncePerRun ??= new Map());

export async function oncePerRun(key: string, setup: () => Promise<Teardown | void> | Teardown | void): Promise<() => Promise<void>> {
  let shared = runs.get(key);
  if (!shared) {
    shared = { users: 0 };
    runs.set(key, shared);
    shared.teardown = await setup();
  }
  shared.users++;
  const mine = shared;
  return async () => {
    if (--mine.users > 0) return;
    runs.delete(key);
    await mine.teardown?.();
  };
}
