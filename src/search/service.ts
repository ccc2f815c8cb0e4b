// Runs searches over the study's transcripts as the Placements see them (open editors as typed,
// other documents from disk), remembers the last search (workspace state) and its hits, and tells
// the views when the hits change.
import * as vscode from 'vscode';
import { FoldCache } from '../core/search/fold-cache';
import { compileSearch, DEFAULT_SEARCH, SearchError, type SearchOptions } from '../core/search/match';
import type { SearchScope } from '../core/search/scope';
import { searchStudy, type SearchHit, type StudyForSearch } from '../core/search/study-search';
import { StepsCancelled } from '../core/util/steps';
import type { Placements } from '../study/placements';
import type { StudyService } from '../study/study-service';

export interface SearchRequest {
  readonly options: SearchOptions;
  readonly scope: SearchScope;
}

const LAST_SEARCH_KEY = 'gloss.search.last';

export class SearchService implements vscode.Disposable {
  private hits: readonly SearchHit[] = [];
  private request: SearchRequest | undefined;
  /** Folded copies of the transcripts, so that the next search needs not fold them again. */
  private readonly folded = new FoldCache();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    readonly study: StudyService,
    private readonly placements: Placements,
    private readonly memory: vscode.Memento,
  ) {}

  get lastHits(): readonly SearchHit[] {
    return this.hits;
  }

  get lastRequest(): SearchRequest | undefined {
    return this.request;
  }

  /** The last search typed in this workspace (kept across sessions), for the search box. */
  get remembered(): SearchRequest {
    const saved = this.memory.get<Partial<SearchRequest>>(LAST_SEARCH_KEY);
    return { options: { ...DEFAULT_SEARCH, ...(saved?.options ?? {}) }, scope: saved?.scope ?? {} };
  }

  async studyForSearch(): Promise<StudyForSearch | undefined> {
    const current = this.study.current;
    if (!current) return undefined;
    return { codebook: current.codebook, cases: current.cases, documents: await this.placements.all() };
  }

  /** Bumped by each search: a search still running when a newer one starts stops. */
  private latest = 0;

  /**
   * Runs a search and keeps its hits; a bad query (empty, invalid regex) is shown as a message and
   * returns undefined, as does a search replaced by a newer one before it ended. `remember`: keep
   * it as the last search typed.
   */
  async run(request: SearchRequest, remember = true): Promise<readonly SearchHit[] | undefined> {
    let compiled;
    try {
      compiled = compileSearch(request.options);
    } catch (error) {
      if (!(error instanceof SearchError)) throw error;
      void vscode.window.showErrorMessage(vscode.l10n.t('Search: {0}', error.message));
      return undefined;
    }
    const study = await this.studyForSearch();
    if (!study) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No study is open. Open a folder that holds a codebook.yaml.'));
      return undefined;
    }
    if (remember) await this.memory.update(LAST_SEARCH_KEY, request);
    const id = ++this.latest;
    let hits: SearchHit[];
    try {
      hits = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Searching the study') }, (progress) =>
        searchStudy(compiled, study, request.scope, this.folded, {
          cancelled: () => id !== this.latest,
          onStep: (done, total) => progress.report({ message: vscode.l10n.t('{0} of {1} documents', done, total) }),
        }),
      );
    } catch (error) {
      if (error instanceof StepsCancelled) return undefined;
      throw error;
    }
    this.request = request;
    this.hits = hits;
    this.changed.fire();
    return this.hits;
  }

  clear(): void {
    this.hits = [];
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
