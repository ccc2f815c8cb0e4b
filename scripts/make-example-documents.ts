// Writes the example study's two report originals with the test writers (a PDF and a Word file,
// fictional and free of rights) and imports them as Gloss does, so that the originals and their
// texts in examples/city-partnerships/transcripts/ stay in step: `npx tsx scripts/make-example-documents.ts`.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { importDocument } from '../src/core/documents/import-document';
import { writeDocx } from '../test/helpers/docx-writer';
import { writePdf } from '../test/helpers/pdf-writer';

const STUDY = path.join(__dirname, '..', 'examples', 'city-partnerships');

const PDF = writePdf([
  [
    { text: 'Velden - San Aurelio City Partnership', size: 16 },
    { text: 'Annual Report 2025', size: 14 },
    { text: '' },
    { text: 'The partnership between Velden and San Aurelio was formalised in 1989.' },
    { text: 'In 2025 it concentrated on solid waste management and on participatory' },
    { text: 'budgeting in the districts of San Aurelio.' },
    { text: '' },
    { text: 'Two staff exchanges took place: two officials of the waste department' },
    { text: 'of Velden spent three weeks in San Aurelio, and one budget officer of' },
    { text: 'San Aurelio spent a month in Velden.' },
  ],
  [
    { text: 'Results and difficulties', size: 14 },
    { text: '' },
    { text: 'Separate collection of organic waste now covers four districts.' },
    { text: 'The participatory budget rounds drew 2,300 residents, fewer than hoped:' },
    { text: 'meetings were held during working hours.' },
    { text: '' },
    { text: 'The municipal council of Velden renewed its funding until 2028.' },
  ],
]);

const DOCX = writeDocx([
  { heading: 1, text: 'Plan municipal de coopération 2026-2028' },
  { paragraph: 'Commune de Kassoumbé, en partenariat avec la ville de Brakelmonde.' },
  { heading: 2, text: 'État civil' },
  { paragraph: 'Numériser les registres de naissance de 1960 à 2000 et former six agents de l’état civil.' },
  { heading: 2, text: 'Fiscalité locale' },
  { paragraph: 'Mettre à jour le rôle de la taxe foncière et ouvrir un guichet de paiement au marché central.' },
  { table: [['Action', 'Année', 'Budget (FCFA)'], ['Numérisation des registres', '2026', '18 000 000'], ['Guichet du marché', '2027', '6 500 000']] },
]);

async function main(): Promise<void> {
  const reports = path.join(STUDY, 'transcripts', 'reports');
  await fs.mkdir(reports, { recursive: true });
  const originals = { 'velden-san-aurelio-annual-report-2025.pdf': PDF, 'kassoumbe-plan-2026.docx': DOCX };
  for (const [name, bytes] of Object.entries(originals)) {
    await fs.writeFile(path.join(reports, name), bytes);
    const result = await importDocument(STUDY, path.join(reports, name), { replaceText: async () => true });
    console.log(`${result.outcome} ${result.textPath}${result.notes.map((n) => `\n  ${n}`).join('')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
