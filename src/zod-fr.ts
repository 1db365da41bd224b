// zod's messages in French, set once through zod's own configuration point: `z.config` with zod's bundled
// French locale (zod v4 `z.locales.fr()`), plus one message of ours where the locale still speaks like a program
// (« NaN reçu » for a flag like `--commissions abc`). Imported by every module that shows zod issues to a user.
import { z } from 'zod';

const fr = z.locales.fr();

z.config({
  localeError: fr.localeError,
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.expected === 'number' && typeof issue.input === 'number' && Number.isNaN(issue.input)) {
      return 'un nombre est attendu';
    }
    return undefined;
  },
});

export { z };
