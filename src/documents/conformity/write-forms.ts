// Writes the annexe 4 forms of every non-conforming candidate into one PDF (one page group per candidate).
import { writePdfFile } from '../render/index.js';
import type { ConformityEpreuve, Motif } from '../../domain/conformity/motifs.js';
import { conformityFormView, drawConformityForm, type CandidateIdentity } from './annexe4-form.js';

export interface ConformityFormsInput {
  heading: string;
  creationDate: Date;
  candidates: { who: CandidateIdentity; dossiers: { epreuve: ConformityEpreuve; motifs: Motif[] }[] }[];
}

export async function writeConformityForms(file: string, input: ConformityFormsInput): Promise<number> {
  const { pages } = await writePdfFile(file, { title: 'Contrôle de conformité (annexe 4)', creationDate: input.creationDate }, async (w) => {
    for (const [i, c] of input.candidates.entries()) {
      drawConformityForm(w, conformityFormView(input.heading, c.who, c.dossiers));
      if (i % 50 === 49) await w.yieldToStream();
    }
  });
  return pages;
}
