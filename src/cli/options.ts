// Flags are validated by each command's zod schema before any work starts (drizzle-kit's way); a bad flag is a
// usage error (exit 2) naming the flag.
import '../zod-fr.js';
import type { z } from 'zod';
import { usageError } from './errors.js';

const flagName = (path: PropertyKey[]) => '--' + path.map(String).join('.').replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

export function parseOptions<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw usageError(
    parsed.error.issues
      .map((i) => (i.path.length && !i.message.includes('--') ? `${flagName(i.path)} : ${i.message}` : i.message))
      .join('; '),
  );
}
