// The query builder: code, operator, code, distance, filters and a name, asked one after another;
// the answers become a query file the researcher can read and edit.
import * as vscode from 'vscode';
import { filterChoices } from '../core/retrieval/segments';
import { OPERATORS, type CodingQuery, type Operator } from '../core/queries/query';
import type { StudyFeature } from '../study/register';
import { pickCode, pickOne } from './pickers';
import type { Swatches } from '../ui/swatches';

function operatorLabels(): Record<Operator, { label: string; detail: string }> {
  const t = vscode.l10n.t;
  return {
    and: { label: 'AND', detail: t('The text both codes cover') },
    or: { label: 'OR', detail: t('The text either code covers') },
    not: { label: 'NOT', detail: t('The text of the first code that the second does not cover') },
    overlapping: { label: 'OVERLAPPING', detail: t('Passages of the first code that share text with one of the second') },
    'not-overlapping': { label: 'NOT OVERLAPPING', detail: t('Passages of the first code that share no text with one of the second') },
    'same-turn': { label: 'SAME TURN', detail: t('Passages of the first code in a speaker turn that holds one of the second') },
    'same-paragraph': { label: 'SAME PARAGRAPH', detail: t('Passages of the first code in a paragraph that holds one of the second') },
    near: { label: 'NEAR', detail: t('Passages of the first code with one of the second within N characters') },
    'followed-by': { label: 'FOLLOWED BY', detail: t('Passages of the first code after which one of the second starts (same turn, or within N characters)') },
  };
}

/** Asks for a query step by step; undefined when cancelled. Returns the query and the name chosen. */
export async function buildQuery(feature: StudyFeature, swatches: Swatches): Promise<{ query: CodingQuery; name: string } | undefined> {
  const study = feature.study.current;
  if (!study) return undefined;
  const t = vscode.l10n.t;
  const a = await pickCode(study.codebook, swatches, t('New query (1/5): the first code'));
  if (!a) return undefined;
  const labels = operatorLabels();
  const operator = await pickOne(t('New query (2/5): “{0}” …', a.name), OPERATORS.map((o) => ({ ...labels[o], value: o })));
  if (!operator) return undefined;
  const b = await pickCode(study.codebook, swatches, t('New query (3/5): “{0}” {1} …', a.name, labels[operator].label));
  if (!b) return undefined;
  let within: CodingQuery['within'];
  if (operator === 'near' || operator === 'followed-by') {
    const answer = await vscode.window.showInputBox({
      title: t('New query (4/5): within how many characters?'),
      prompt: operator === 'followed-by' ? t('Leave empty for “in the same speaker turn”.') : undefined,
      value: operator === 'near' ? '200' : '',
      validateInput: (v) => (v.trim() === '' && operator === 'followed-by') || /^\d+$/.test(v.trim()) ? undefined : t('A whole number of characters'),
    });
    if (answer === undefined) return undefined;
    within = answer.trim() === '' ? undefined : Number(answer.trim());
  }
  const filters = await pickFilters(feature);
  if (!filters) return undefined;
  const name = await vscode.window.showInputBox({
    title: t('New query (5/5): its name'),
    prompt: t('Saved as queries/<name>.yaml in the study'),
    value: `${a.name} ${labels[operator].label.toLowerCase()} ${b.name}`,
    validateInput: (v) => (v.trim() === '' ? t('A name, please') : undefined),
  });
  if (!name) return undefined;
  return { name: name.trim(), query: { code: a.id, operator, other: b.id, includeSubcodes: true, ...(within === undefined ? {} : { within }), ...filters } };
}

/** Cases, attribute values and coders to narrow by; nothing ticked: no filter. */
async function pickFilters(feature: StudyFeature): Promise<Pick<CodingQuery, 'cases' | 'coders' | 'attributes'> | undefined> {
  const study = feature.study.current!;
  const choices = filterChoices(study.cases, await feature.placements.all());
  type Item = vscode.QuickPickItem & { facet?: string; value?: string };
  const items: Item[] = [];
  const section = (label: string) => items.push({ label, kind: vscode.QuickPickItemKind.Separator });
  section(vscode.l10n.t('Cases'));
  for (const c of choices.cases) items.push({ label: c.name, description: c.id, facet: 'cases', value: c.id });
  section(vscode.l10n.t('Coders'));
  for (const coder of choices.coders) items.push({ label: coder, facet: 'coders', value: coder });
  for (const [name, values] of choices.attributes) {
    section(name);
    for (const value of values) items.push({ label: value, description: name, facet: `attribute:${name}`, value });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('New query (4/5): narrow by case, coder or attribute'),
    placeHolder: vscode.l10n.t('Within a group any checked value matches; across groups all must. Nothing checked: no filter.'),
    canPickMany: true,
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  const values = (facet: string) => picked.filter((p) => p.facet === facet).map((p) => p.value!);
  const attributes: Record<string, string[]> = {};
  for (const name of choices.attributes.keys()) if (values(`attribute:${name}`).length > 0) attributes[name] = values(`attribute:${name}`);
  return {
    ...(values('cases').length ? { cases: values('cases') } : {}),
    ...(values('coders').length ? { coders: values('coders') } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
  };
}
