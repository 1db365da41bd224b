// What a candidate needs from a room, read from the aménagements as imported (domain/seating/needs.ts, issue #14 §2).
import { describe, expect, it } from 'vitest';
import { seatingNeeds } from '../../../src/domain/seating/needs.js';
import { roomGrid, neighbours } from '../../../src/domain/seating/grid.js';

describe('seatingNeeds', () => {
  it.each([
    // [amenagements, temps_majore, amenagement room, tiers-temps, PMR]
    [undefined, undefined, false, false, false],
    ['', '1/3', true, true, false],
    ['secrétaire', undefined, true, false, false],
    ['PMR — fauteuil roulant', undefined, true, false, true],
    ['salle au rez-de-chaussée', '1/3', true, true, true],
    ['mobilité réduite', undefined, true, false, true],
    ['pas de PMR ; sujet agrandi', undefined, true, false, false],
    ['non', undefined, false, false, false],
    ['néant', undefined, false, false, false],
  ])('%s / %s', (amenagements, tempsMajore, amenagement, tiersTemps, pmr) => {
    expect(seatingNeeds({ amenagements, tempsMajore })).toEqual({ amenagement, tiersTemps, pmr });
  });
});

describe('roomGrid', () => {
  it.each([
    [40, 8, 5], [24, 7, 4], [12, 5, 3], [1, 1, 1], [400, 12, 34],
  ])('%i seats → %i × %i', (capacity, columns, rows) => {
    expect(roomGrid(capacity)).toEqual({ columns, rows });
  });
  it('neighbours: beside and front/back, within the room', () => {
    const g = roomGrid(40); // 8 × 5
    expect(neighbours(g, 40, 1).sort((a, b) => a - b)).toEqual([2, 9]);
    expect(neighbours(g, 40, 8).sort((a, b) => a - b)).toEqual([7, 16]);
    expect(neighbours(g, 40, 10).sort((a, b) => a - b)).toEqual([2, 9, 11, 18]);
    expect(neighbours(g, 37, 30).sort((a, b) => a - b)).toEqual([22, 29, 31]);
  });
});
