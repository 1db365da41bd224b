// Texts cut to fit their box in a PDF (issue #9 item 3): a too-long name or note is shortened with an ellipsis and
// named in a warning, rather than failing the whole batch. Collected per thread; render workers send theirs back
// with their result (parallel.ts), and the command runner prints them once the command is done (program.ts).
const noted: string[] = [];

export function noteTruncation(what: string): void {
  noted.push(what);
}

/** The truncations noted since the last call, emptied. */
export function takeTruncations(): string[] {
  return noted.splice(0);
}
