// The documents of a room (issue #14 §3), drawn from a view model and read back with pdfjs-dist: the plan de salle of
// a 40-seat room is ONE A4 page and shows numéros, never names; labels, émargement and PV show each candidate once;
// the PV prints the local times with the temps majoré end; a very long name is cut within its box, never failing.
import { describe, expect, it } from 'vitest';
import { renderPdfBuffer, type PdfWriter } from '../../../src/documents/render/index.js';
import { drawRoomPlan } from '../../../src/documents/rooms/plan.js';
import { drawTableLabels } from '../../../src/documents/rooms/labels.js';
import { drawRoomReport, drawRoomSignIn } from '../../../src/documents/rooms/report.js';
import type { RoomSheet } from '../../../src/documents/rooms/view.js';
import { roomTimes } from '../../../src/domain/seating/room-times.js';
import { loadBundledRegulation } from '../../../src/io/regulation-file.js';
import { takeTruncations } from '../../../src/documents/render/truncations.js';
import { pdfText } from '../../helpers/pdf-text.js';

const reg = loadBundledRegulation('bts-ccst-2024');

function sheet(capacite: number, seated: number, long = false): RoomSheet {
  return {
    heading: 'BTS CCST — SESSION 2024', academie: 'Toulouse', session: 2024, epreuve: 'E5',
    epreuveLine: 'E5 — Management de l’activité technico-commerciale (U5, coefficient 4)',
    centre: { uai: '0310044E', nom: 'LPO Déodat', commune: 'Toulouse' }, date: '2024-05-15', timeZone: 'Europe/Paris',
    times: roomTimes(reg, { epreuve: 'E5', zone: 'metropole', start: '14:00', end: '18:00' }, ['1/3', '1/3', '1/4'], { minutes: 60, source: 'circulaire Toulouse 2023 §1.1' }),
    salle: 'A101', capacite, accessible: true, amenagements: false,
    seats: Array.from({ length: seated }, (_, i) => ({
      place: i + 1, numero: `024100${String(i + 1).padStart(4, '0')}`, nom: long && i === 0 ? 'NGUYỄN-'.repeat(60) + 'ĐỨC' : `NOM${i + 1}`, prenom: `Prénom${i + 1}`,
      amenagement: i < 3 ? 'temps majoré 1/3' : '',
    })),
  };
}

async function render(draw: (w: PdfWriter, s: RoomSheet) => void, s: RoomSheet) {
  const { buffer, pages } = await renderPdfBuffer({ title: 't', creationDate: new Date('2024-01-01T00:00:00Z') }, async (w) => draw(w, s));
  return { pages, text: await pdfText(buffer) };
}

describe('room documents', () => {
  it('plan de salle: one page for 40 seats, numéros only, no name', async () => {
    const s = sheet(40, 40);
    const { pages, text } = await render(drawRoomPlan, s);
    expect(pages).toBe(1);
    for (const l of s.seats) expect(text.flat.split(l.numero).length - 1).toBe(1);
    expect(text.flat).not.toContain('NOM1');
    expect(text.flat).not.toContain('Prénom');
  });

  it('plan de salle: one page even for the largest room (400 seats)', async () => {
    expect((await render(drawRoomPlan, sheet(400, 390))).pages).toBe(1);
  });

  it('labels, émargement: every candidate once; a 700-character name is cut, the batch goes on', async () => {
    takeTruncations();
    const s = sheet(40, 40, true);
    for (const draw of [drawTableLabels, drawRoomSignIn]) {
      const { text } = await render(draw, s);
      for (const l of s.seats) expect(text.flat.split(l.numero).length - 1, l.numero).toBe(1);
      expect(text.flat).toContain('NOM40 Prénom40'.split(' ')[0]);
    }
    expect(takeTruncations().length).toBeGreaterThan(0);
  });

  it('PV de déroulement: one page, local times, the ends of each temps majoré, lateness and exit limits', async () => {
    const { pages, text } = await render(drawRoomReport, sheet(40, 40));
    expect(pages).toBe(1);
    expect(text.flat).toContain('Début : 14h00');
    expect(text.flat).toContain('Fin : 18h00');
    // 4 h × 1/3 = 80 min → 19h20; 4 h × 1/4 = 60 min → 19h00 (code de l'éducation D351-28; extraMinutes).
    expect(text.flat).toContain('Fin avec temps majoré 1/3 : 19h20 (2 candidat(s))');
    expect(text.flat).toContain('Fin avec temps majoré 1/4 : 19h00 (1 candidat(s))');
    expect(text.flat).toContain('Aucune entrée après : 15h00');
    expect(text.flat).toContain('Inscrits dans la salle : 40');
    expect(text.flat).toContain('Suspicions de fraude');
    expect(text.flat).toContain('Saisit les pièces ou matériels permettant d’établir la réalité des faits.');
  });
});
