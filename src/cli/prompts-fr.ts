// Questions at the terminal in French, through @inquirer/prompts' own theme points: the confirm prompt's
// keywords (« Oui »/« Non »: it then accepts o, oui, n, non and shows « (o/N) »; y/yes/n/no stay accepted),
// its refusal message, and the select prompt's key help (« ↑↓ naviguer • ⏎ choisir ») and disabled-choice message.
import type { Prompter } from './context.js';

/** Where the prompts read and write: the process's terminal unless a test gives its own streams. */
export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const KEY_ACTIONS: Record<string, string> = {
  navigate: 'naviguer',
  select: 'choisir',
  submit: 'valider',
  toggle: 'cocher',
  all: 'tout',
  invert: 'inverser',
};

export const confirmTheme = {
  keywords: {
    yes: 'Oui',
    no: 'Non',
    error: ({ yes, no }: { yes: string; no: string }) => `Répondez « ${yes.toLowerCase()} » ou « ${no.toLowerCase()} ».`,
  },
};

export const selectTheme = {
  style: {
    keysHelpTip: (keys: [key: string, action: string][]) =>
      keys.map(([key, action]) => `${key} ${KEY_ACTIONS[action] ?? action}`).join(' • '),
  },
  i18n: { disabledError: 'Ce choix n’est pas disponible.' },
};

/** Prompts from @inquirer/prompts, loaded only when a question is actually asked. */
export function frenchPrompter(streams: PromptStreams = {}): Prompter {
  const context = streams.input || streams.output ? { input: streams.input, output: streams.output, clearPromptOnDone: false } : undefined;
  return {
    async confirm(message, defaultValue) {
      const { confirm } = await import('@inquirer/prompts');
      return confirm({ message, default: defaultValue, theme: confirmTheme }, context);
    },
    async select(message, choices, defaultValue) {
      const { select } = await import('@inquirer/prompts');
      return select({ message, choices, default: defaultValue, theme: selectTheme }, context);
    },
    async input(message, defaultValue) {
      const { input } = await import('@inquirer/prompts');
      return input({ message, default: defaultValue }, context);
    },
  };
}
