// Issue #13 §2 « stable on re-run (a pinned commission or examiner is kept: --pin) »: which pins a build receives
// from the stored commissions and the --pin / --unpin flags.
import { describe, expect, it } from 'vitest';
import { parsePinRequests, resolvePins } from '../../src/cli/commissions/pins.js';
import type { StoredCommission } from '../../src/store/examiners.js';

const N1 = 'E4-0311201M-2023-06-21-1';
const N2 = 'E4-0311201M-2023-06-21-2';
const stored = (name: string, pinned: boolean, members: [string, boolean][]): StoredCommission => ({
  name, centreUai: '0311201M', date: '2023-06-21', epreuve: 'E4', number: Number(name.slice(-1)), form: 'ponctuel', start: '08:00', end: '17:00', pinned,
  members: members.map(([email, p], seat) => ({ email, seat, role: 'r', how: 'profile', pinned: p })),
});
const S = [stored(N1, false, [['a@x.fr', true], ['b@x.fr', false]]), stored(N2, true, [['c@x.fr', true], ['d@x.fr', true]])];
const pins = (r: ReturnType<typeof resolvePins>) => r.pins.map((p) => `${p.commission.slice(-1)}:${p.email}:${p.seat ?? '-'}`).sort();

describe('commission pins', () => {
  const table: [string, string[], string[], Set<string>, string[], string[], string[]][] = [
    // [case, --pin, --unpin, planned, pins, whole, dropped]
    ['stored pins are kept with their seat', [], [], new Set([N1, N2]), ['1:a@x.fr:0', '2:c@x.fr:0', '2:d@x.fr:1'], [N2], []],
    ['--pin NAME=email adds one (its stored seat when it sits there)', [`${N1}=B@x.fr`], [], new Set([N1, N2]), ['1:a@x.fr:0', '1:b@x.fr:1', '2:c@x.fr:0', '2:d@x.fr:1'], [N2], []],
    ['--pin NAME=email of someone not there yet: no seat', [`${N2}=e@x.fr`], [], new Set([N1, N2]), ['1:a@x.fr:0', '2:c@x.fr:0', '2:d@x.fr:1', '2:e@x.fr:-'], [N2], []],
    ['--pin NAME pins every stored member', [N1], [], new Set([N1, N2]), ['1:a@x.fr:0', '1:b@x.fr:1', '2:c@x.fr:0', '2:d@x.fr:1'], [N1, N2], []],
    ['--unpin NAME releases the commission and its members', [], [N2], new Set([N1, N2]), ['1:a@x.fr:0'], [], []],
    ['--unpin NAME=email releases one', [], [`${N1}=a@x.fr`], new Set([N1, N2]), ['2:c@x.fr:0', '2:d@x.fr:1'], [N2], []],
    ['pins of a commission no longer planned are dropped and said', [], [], new Set([N1]), ['1:a@x.fr:0'], [], [N2]],
  ];
  it.each(table)('%s', (_c, pin, unpin, planned, expected, whole, dropped) => {
    const r = resolvePins(S, planned, parsePinRequests('--pin', pin), parsePinRequests('--unpin', unpin));
    expect(pins(r)).toEqual(expected);
    expect([...r.whole].sort()).toEqual(whole);
    expect(r.dropped).toEqual(dropped);
  });
  it('refuses a malformed pin and a whole pin of a commission not built yet (usage, exit 2)', () => {
    expect(() => parsePinRequests('--pin', ['E4=someone'])).toThrow(/attendu COMMISSION ou COMMISSION=email/);
    expect(() => resolvePins([], new Set([N1]), parsePinRequests('--pin', [N1]), [])).toThrow(/pas encore composée/);
  });
});
