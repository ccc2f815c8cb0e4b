// Counted nouns in messages, each with its own string for one and for more ("1 coding", "3
// codings"), so that no message reads "1 codings" and translators get whole phrases.
import * as vscode from 'vscode';

export const codes = (n: number): string => (n === 1 ? vscode.l10n.t('1 code') : vscode.l10n.t('{0} codes', n));
export const transcripts = (n: number): string => (n === 1 ? vscode.l10n.t('1 transcript') : vscode.l10n.t('{0} transcripts', n));
export const codings = (n: number): string => (n === 1 ? vscode.l10n.t('1 coding') : vscode.l10n.t('{0} codings', n));
export const documents = (n: number): string => (n === 1 ? vscode.l10n.t('1 document') : vscode.l10n.t('{0} documents', n));
export const coders = (n: number): string => (n === 1 ? vscode.l10n.t('1 coder') : vscode.l10n.t('{0} coders', n));
export const subcodes = (n: number): string => (n === 1 ? vscode.l10n.t('1 sub-code') : vscode.l10n.t('{0} sub-codes', n));
export const segments = (n: number): string => (n === 1 ? vscode.l10n.t('1 segment') : vscode.l10n.t('{0} segments', n));
export const quotations = (n: number): string => (n === 1 ? vscode.l10n.t('1 quotation') : vscode.l10n.t('{0} quotations', n));
export const passages = (n: number): string => (n === 1 ? vscode.l10n.t('1 passage') : vscode.l10n.t('{0} passages', n));
export const memos = (n: number): string => (n === 1 ? vscode.l10n.t('1 memo') : vscode.l10n.t('{0} memos', n));
export const characters = (n: number): string => (n === 1 ? vscode.l10n.t('1 character') : vscode.l10n.t('{0} characters', n));
export const filters = (n: number): string => (n === 1 ? vscode.l10n.t('1 filter') : vscode.l10n.t('{0} filters', n));
export const warnings = (n: number): string => (n === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', n));

/** "3 codings in 2 documents". */
export const codingsInDocuments = (codingCount: number, documentCount: number): string =>
  vscode.l10n.t('{0} in {1}', codings(codingCount), documents(documentCount));

/** "3 codings in 2 documents, by 1 coder". */
export const codingsInDocumentsByCoders = (codingCount: number, documentCount: number, coderCount: number): string =>
  vscode.l10n.t('{0} in {1}, by {2}', codings(codingCount), documents(documentCount), coders(coderCount));
