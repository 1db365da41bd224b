// The benchmark's reference: what a straightforward single-core pdfkit loop costs for a page of the same kind
// (DejaVu by path, same texts, bordered cells measured with heightOfString), with none of the renderer's layout
// machinery (no page groups, no header repetition, no templates). One file, written as a stream.
import fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { loadPdfKit } from '../documents/render/pdf-writer.js';
import { fontFiles, FONT } from '../documents/render/fonts.js';
import type { ConvocationView } from '../documents/convocation.js';
import { centreText, dossierReminder, rulesFor, TO_BRING } from '../documents/convocation.js';
import type { GridJob } from '../documents/grids.js';

async function plainDoc(file: string, draw: (doc: PDFKit.PDFDocument) => void): Promise<number> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, margins: { top: 34, bottom: 10, left: 40, right: 36 }, info: { CreationDate: new Date('2024-04-01T08:00:00Z') } });
  for (const [name, src] of Object.entries(fontFiles())) doc.registerFont(name, src);
  const out = fs.createWriteStream(file);
  doc.pipe(out);
  let pages = 0;
  doc.on('pageAdded', () => pages++);
  draw(doc);
  doc.end();
  await finished(out);
  return pages;
}

/** A row of bordered cells; returns its height. */
function row(doc: PDFKit.PDFDocument, y: number, widths: number[], cells: string[], minHeight = 14): number {
  let h = minHeight;
  cells.forEach((c, i) => (h = Math.max(h, doc.heightOfString(c, { width: widths[i]! - 6 }) + 6)));
  let x = 40;
  cells.forEach((c, i) => {
    doc.rect(x, y, widths[i]!, h).stroke();
    doc.text(c, x + 3, y + 3, { width: widths[i]! - 6 });
    x += widths[i]!;
  });
  return h;
}

export function plainConvocationLoop(file: string, views: ConvocationView[]): Promise<number> {
  return plainDoc(file, (doc) => {
    for (const v of views) {
      doc.addPage();
      doc.font(FONT.bold).fontSize(12).text('CONVOCATION', 40, 34, { width: 519, align: 'center' });
      doc.fontSize(10).text(`${v.diplome} – session ${v.session}`, { width: 519, align: 'center' }).text(`Académie : ${v.academie}`, { width: 519, align: 'center' });
      doc.font(FONT.regular).fontSize(9);
      let y = 100;
      const c = v.candidate;
      for (const pair of [[`Nom : ${c.nom}`, `Prénom : ${c.prenom}`], [`N° du candidat : ${c.numero}`, `Date de naissance : ${c.dateNaissance ?? ''}`], [`Établissement : ${c.etablissement ?? ''}`, `Adresse : ${c.adresse ?? ''}`]]) {
        y += row(doc, y, [259.5, 259.5], pair, 18);
      }
      y += 20;
      doc.fontSize(8);
      y += row(doc, y, [136, 88, 154, 141], ['Épreuve', 'Date', 'Horaire', 'Lieu']);
      for (const l of v.convocation.lines) {
        const times = l.start ? `${l.start} – ${l.end}${l.lockInMinutes ? `\nmise en loge : ${l.lockInMinutes} min` : ''}` : (l.pending ?? '');
        y += row(doc, y, [136, 88, 154, 141], [`${l.epreuve} – ${l.title}`, l.date ?? 'à venir', times, centreText(l.centre)]);
      }
      doc.text('', 40, y + 6);
      // Same texts as the ccst page: centre address, CCF units, dossier reminder, what to bring, rules.
      for (const l of v.convocation.lines.slice(0, 1)) doc.text(`Adresse du centre : ${centreText(l.centre)}`, { width: 519 });
      if (v.convocation.ccfUnits.length > 0) doc.text(`Évaluées en CCF : ${v.convocation.ccfUnits.map((u) => `${u.epreuve} (${u.title})`).join(', ')}.`, { width: 519 });
      const reminder = dossierReminder(v.convocation.lines);
      if (reminder) doc.font(FONT.bold).text('Dossiers : contrôle de conformité').font(FONT.regular).text(reminder, { width: 519 });
      doc.font(FONT.bold).text('Présentez-vous à chaque épreuve avec').font(FONT.regular);
      for (const t of TO_BRING) doc.text(`•  ${t}`, { width: 519 });
      doc.font(FONT.bold).text('Règles de l’examen').font(FONT.regular);
      for (const t of rulesFor(v)) doc.text(`•  ${t}`, { width: 519 });
    }
  });
}

export function plainGridLoop(file: string, jobs: GridJob[]): Promise<number> {
  const criteria = Array.from({ length: 10 }, (_, i) => `Critère d'évaluation n° ${i + 1} : la démarche de négociation est mise en œuvre`);
  return plainDoc(file, (doc) => {
    for (const j of jobs) {
      for (let page = 0; page < 3; page++) {
        doc.addPage();
        doc.font(FONT.bold).fontSize(11).text('BTS CONSEIL ET COMMERCIALISATION DE SOLUTIONS TECHNIQUES', 40, 34, { width: 519, align: 'center' });
        doc.fontSize(10).text("Grille d'aide à l'évaluation – Forme ponctuelle", { width: 519, align: 'center' });
        doc.font(FONT.regular).fontSize(9);
        let y = 80;
        for (const pair of [[`Académie : ${j.vm.academie}`, `Session : ${j.vm.session}`], [`Nom et prénom du candidat : ${j.vm.candidat}`, `Date de l'épreuve : ${j.vm.date}`], [`N° du candidat : ${j.vm.numero}`, '']]) {
          y += row(doc, y, [259.5, 259.5], pair, 18);
        }
        y += 10;
        if (page === 1) {
          y += row(doc, y, [319, 50, 50, 50, 50], ["Critères d'évaluation", 'TI', 'I', 'S', 'TS']);
          for (const c of criteria) {
            const h = row(doc, y, [319, 50, 50, 50, 50], [c, '', '', '', '']);
            for (let k = 0; k < 4; k++) doc.rect(359 + k * 50 + 21, y + h / 2 - 4, 8, 8).stroke();
            y += h;
          }
          y += 10;
          y += row(doc, y, [173, 173, 173], ['Nom et prénom Qualité', 'Nom et Prénom Qualité', 'Nom et Prénom Qualité']);
          y += row(doc, y, [173, 173, 173], ['', '', ''], 55);
        } else {
          for (let k = 0; k < 4; k++) {
            y += row(doc, y, [519], ['2. Entretien avec la commission d\'évaluation (10 minutes)']);
            y += row(doc, y, [519], ['Observations au regard des compétences évaluées'], 100) + 6;
          }
        }
        doc.fontSize(7).text(`${j.footer}   page ${page + 1}/3`, 40, 812, { width: 519, lineBreak: false, height: 10 });
      }
    }
  });
}
