// The webview's strings, translated here with vscode.l10n (the webview has no l10n API of its own).
import * as vscode from 'vscode';
import type { SearchStrings } from '../shared/search-protocol';

export function searchStrings(): SearchStrings {
  const t = vscode.l10n.t;
  return {
    document: t('Document'),
    line: t('Line'),
    left: t('Left context'),
    keyword: t('Keyword'),
    right: t('Right context'),
    sortBy: t('Sort by'),
    sortDocument: t('Document order'),
    sortLeft2: t('2nd word to the left'),
    sortLeft1: t('1st word to the left'),
    sortKeyword: t('Keyword'),
    sortRight1: t('1st word to the right'),
    sortRight2: t('2nd word to the right'),
    descending: t('Descending'),
    exportCsv: t('Export CSV…'),
    hits: t('{0} hits'),
    noHits: t('No hits.'),
    word: t('Word'),
    count: t('Count'),
    perThousand: t('Per {0} words'),
    group: t('Group'),
    words: t('{0} words'),
    chart: t('The {0} most frequent words'),
    logLikelihood: t('Log-likelihood (G2)'),
    logRatio: t('Log ratio'),
    percentDiff: t('%DIFF'),
    moreFrequentIn: t('More frequent in'),
    significant: t('G2 above 3.84 is significant at p < 0.05 (Rayson and Garside 2000); log ratio: Hardie 2014; %DIFF: Gabrielatos and Marchi 2012.'),
    showInContext: t('Show "{0}" in context'),
    concordanceLabel: t('Keywords in context: Enter opens the line at its place'),
    tableLabel: t('Word frequencies: Enter shows a word in context'),
    moreIn: t('Key words of each group, by log-likelihood'),
  };
}
