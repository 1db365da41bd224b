// The annexe 4 form « CONTROLE DE CONFORMITÉ » (circulaire nationale 2024), one per non-conforming candidate:
// the annexe's exact wording, the épreuves and motifs ticked, each motif's facts underneath, the controllers' table.
import { checklist, fields, signatures, titleBlock, FONT, type PdfWriter } from '../render/index.js';
import {
  ANNEXE4_EPREUVE_LINES,
  ANNEXE4_MOTIFS,
  ANNEXE4_TEXT,
  CONFORMITY_EPREUVES,
  MOTIF_CODES,
  type ConformityEpreuve,
  type Motif,
  type MotifCode,
} from '../../domain/conformity/motifs.js';

export interface ConformityFormView {
  /** "BTS CONSEIL ET COMMERCIALISATION DE SOLUTIONS TECHNIQUES - SESSION 2024" (the annexe's running title). */
  heading: string;
  academie?: string;
  nom: string;
  prenom: string;
  numero: string;
  epreuves: ConformityEpreuve[];
  /** Lines under each ticked motif: its épreuves ("E4, E62") and facts ("E4 : (12 semaines pour 14 requises)"). */
  motifs: Partial<Record<MotifCode, string[]>>;
}

export interface CandidateIdentity {
  numero: string;
  nom: string;
  prenom: string;
  academie?: string;
}

/** Groups a candidate's non-conforming dossiers into one form (the model lists the three épreuves to tick). */
export function conformityFormView(
  heading: string,
  who: CandidateIdentity,
  dossiers: { epreuve: ConformityEpreuve; motifs: Motif[] }[],
): ConformityFormView {
  const motifs: Partial<Record<MotifCode, string[]>> = {};
  const epreuves = CONFORMITY_EPREUVES.filter((e) => dossiers.some((d) => d.epreuve === e));
  const bare: Partial<Record<MotifCode, ConformityEpreuve[]>> = {};
  for (const e of epreuves) {
    for (const m of dossiers.find((d) => d.epreuve === e)!.motifs) {
      if (m.precision) (motifs[m.code] ??= []).push(`${e} : ${m.precision}`);
      else (bare[m.code] ??= []).push(e);
    }
  }
  // A motif without facts just names its épreuve(s): « E4, E62 ».
  for (const [code, list] of Object.entries(bare) as [MotifCode, ConformityEpreuve[]][]) (motifs[code] ??= []).unshift(list.join(', '));
  return { heading, academie: who.academie, nom: who.nom, prenom: who.prenom, numero: who.numero, epreuves, motifs };
}

export function drawConformityForm(w: PdfWriter, v: ConformityFormView): void {
  w.beginDocument(`Contrôle de conformité — ${v.numero} ${v.nom} ${v.prenom}`);
  titleBlock(w, [v.heading]);
  titleBlock(w, [ANNEXE4_TEXT.header, ANNEXE4_TEXT.legal, ANNEXE4_TEXT.model], { size: 13 });
  const who = [
    { label: 'Nom', value: v.nom },
    { label: 'Prénom', value: v.prenom },
    { label: 'N° inscription', value: v.numero },
  ];
  if (v.academie) who.push({ label: 'Académie', value: v.academie });
  fields(w, who, { columns: 1, minHeight: 20 });
  checklist(
    w,
    CONFORMITY_EPREUVES.map((e) => ({ text: ANNEXE4_EPREUVE_LINES[e], checked: v.epreuves.includes(e) })),
  );
  w.paragraph(ANNEXE4_TEXT.intro, { font: FONT.bold, size: 10 }, 6);
  checklist(
    w,
    MOTIF_CODES.map((code) => {
      const facts = v.motifs[code];
      return { text: facts ? `${ANNEXE4_MOTIFS[code]}\n${facts.join('\n')}` : ANNEXE4_MOTIFS[code], checked: facts !== undefined };
    }),
  );
  w.space(6);
  signatures(w, { columns: [ANNEXE4_TEXT.controllers, ANNEXE4_TEXT.dateSignatures], rows: 2, height: 50 });
}
