// Capacity accounting for one pool when centres offer different languages (E22, EF1): whether the candidates
// still to place can all be seated, and how many of one language a centre may take without starving another.
// Hall's condition for this transportation problem: every set S of languages needs demand(S) ≤ capacity of the
// centres offering at least one language of S. Languages per pool are few, so the 2^k subsets are enumerated.

export class LanguageCapacity {
  private readonly langIndex = new Map<string, number>();
  private readonly demand: number[];
  /** Remaining capacity summed per distinct language mask. */
  private readonly capByMask = new Map<number, number>();

  constructor(languages: string[], demandOf: (lang: string) => number) {
    languages.forEach((l, i) => this.langIndex.set(l, i));
    this.demand = languages.map(demandOf);
    if (languages.length > 16) throw new Error('trop de langues dans un même groupe de placement');
  }

  /** Bit mask of the pool's languages a centre offers. */
  maskOf(offers: (lang: string) => boolean): number {
    let m = 0;
    for (const [l, i] of this.langIndex) if (offers(l)) m |= 1 << i;
    return m;
  }

  addCapacity(mask: number, seats: number): void {
    if (mask === 0 || seats === 0) return;
    this.capByMask.set(mask, (this.capByMask.get(mask) ?? 0) + seats);
  }

  private capOfSet(set: number): number {
    let cap = 0;
    for (const [m, c] of this.capByMask) if ((m & set) !== 0) cap += c;
    return cap;
  }

  private demandOfSet(set: number): number {
    let d = 0;
    for (let i = 0; i < this.demand.length; i++) if (set & (1 << i)) d += this.demand[i]!;
    return d;
  }

  /** max over S of demand(S) − capacity(N(S)): the exact number of candidates that cannot be seated (≥ 0). */
  deficit(): { missing: number; languages: string[] } {
    let worst = 0;
    let worstSet = 0;
    const full = 1 << this.demand.length;
    for (let s = 1; s < full; s++) {
      const gap = this.demandOfSet(s) - this.capOfSet(s);
      if (gap > worst) {
        worst = gap;
        worstSet = s;
      }
    }
    const languages = [...this.langIndex].filter(([, i]) => worstSet & (1 << i)).map(([l]) => l);
    return { missing: worst, languages };
  }

  /**
   * How many candidates of `lang` may go to a centre of `mask` with `remaining` seats while every other language
   * can still be seated: sets containing `lang` lose as much demand as capacity; the others only lose capacity.
   */
  allowance(lang: string, mask: number, remaining: number): number {
    const li = this.langIndex.get(lang);
    if (li === undefined) throw new Error(`langue absente du groupe: ${lang}`);
    let allowed = remaining;
    const full = 1 << this.demand.length;
    const bit = 1 << li;
    for (let s = 1; s < full && allowed > 0; s++) {
      if (s & bit || (s & mask) === 0) continue;
      const slack = this.capOfSet(s) - this.demandOfSet(s);
      if (slack < allowed) allowed = Math.max(0, slack);
    }
    return allowed;
  }

  /** Records a placement of n candidates of `lang` in a centre of `mask`. */
  place(lang: string, mask: number, n: number): void {
    const li = this.langIndex.get(lang)!;
    this.demand[li] = this.demand[li]! - n;
    this.capByMask.set(mask, (this.capByMask.get(mask) ?? 0) - n);
  }
}
