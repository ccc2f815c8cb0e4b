// The template copied quotations are laid out by (the setting gloss.quotation.template); empty:
// the default, today's block quotation with its source.
import * as vscode from 'vscode';
import { DEFAULT_QUOTATION_TEMPLATE } from '../core/retrieval/quotation';

export function quotationTemplate(): string {
  const template = vscode.workspace.getConfiguration('gloss').get<unknown>('quotation.template');
  return typeof template === 'string' && template.trim() !== '' ? template : DEFAULT_QUOTATION_TEMPLATE;
}
