import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding } from '../../src/io/csv-sniff.js';

describe('detectDelimiter', () => {
  it.each([
    ['numero;nom;note\n1;Dupont;12,5\n2;Martin;8,25\n', ';'],
    ['numero,nom,note\n1,Dupont,12.5\n2,Martin,8.25\n', ','],
    ['numero\tnom\tnote\n1\tDupont\t12,5\n', '\t'],
    ['Liste des candidats, session 2024\n\nnumero;nom;prenom\n1;A;B\n2;C;D\n', ';'],
    ['numero,nom\n1,"Dupont; Jean"\n2,"Martin; Paul"\n', ','],
  ])('%j → %j', (text, d) => expect(detectDelimiter(text)).toBe(d));
});

describe('detectEncoding', () => {
  it('UTF-8 with and without BOM, Windows-1252', () => {
    expect(detectEncoding(Buffer.from('\uFEFFnom;Hélène', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('nom;Hélène', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from([0x6e, 0x6f, 0x6d, 0x3b, 0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65]))).toBe('windows-1252');
  });
  it('a UTF-8 character cut at the end of the sample is still UTF-8', () => {
    const b = Buffer.from('nom;Ødegård', 'utf8');
    expect(detectEncoding(b.subarray(0, b.length - 1))).toBe('utf-8');
  });
});
