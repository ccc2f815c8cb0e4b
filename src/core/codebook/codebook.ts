// The loaded codebook: codes in file order with lookups over the hierarchy. Immutable; the
// `with…` methods return the codebook an edit should produce, which the editor uses to verify
// that the text it wrote reads back as intended.

import type { Code } from '../model';

/** Separator of a code's path, as in "Organisation › Policy". */
export const PATH_SEPARATOR = ' › ';

/**
 * Whether two names count as the same among siblings. Case and Unicode normalisation are ignored
 * because "Policy" and "policy" side by side would confuse coders as much as identical names.
 */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** A name folded as `sameName` compares it, to look siblings up by name. */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

/** Whether a name can name a code: not blank, and one line (a name shows in one-line views). */
export function isValidName(name: string): boolean {
  return name.trim() !== '' && !/[\n\r\u0085\u2028\u2029]/.test(name);
}

const TOP = '';

export class Codebook {
  /** Every code, depth first in file order (a parent before its children, siblings in order). */
  readonly codes: readonly Code[];
  private readonly byId = new Map<string, Code>();
  /** The code each alias stands for. */
  private readonly aliasTarget = new Map<string, string>();
  /** Children of each code by id; top-level codes under the key `TOP`. */
  private readonly childrenById = new Map<string, Code[]>();

  /**
   * @param codes codes whose ids are unique and whose parents are in the list; siblings keep the
   *   order they have in `codes`. Throws otherwise: a Codebook is always a consistent tree.
   */
  constructor(codes: readonly Code[]) {
    for (const code of codes) {
      if (this.byId.has(code.id)) throw new Error(`Duplicate code id "${code.id}"`);
      this.byId.set(code.id, code);
    }
    for (const code of codes) {
      for (const alias of code.aliases ?? []) {
        if (this.byId.has(alias) || this.aliasTarget.has(alias)) throw new Error(`The alias "${alias}" is already a code id or an alias`);
        this.aliasTarget.set(alias, code.id);
      }
    }
    for (const code of codes) {
      const key = code.parentId ?? TOP;
      if (code.parentId !== undefined && !this.byId.has(code.parentId)) {
        throw new Error(`Code "${code.id}" names an unknown parent "${code.parentId}"`);
      }
      const siblings = this.childrenById.get(key);
      if (siblings) siblings.push(code);
      else this.childrenById.set(key, [code]);
    }
    const ordered: Code[] = [];
    const visit = (key: string): void => {
      for (const child of this.childrenById.get(key) ?? []) {
        ordered.push(child);
        visit(child.id);
      }
    };
    visit(TOP);
    // Codes not reached from the top sit in a parent cycle.
    if (ordered.length !== codes.length) throw new Error('The codes form a cycle of parents');
    this.codes = ordered;
  }

  static readonly empty = new Codebook([]);

  get size(): number {
    return this.codes.length;
  }

  get roots(): readonly Code[] {
    return this.children(undefined);
  }

  /** The code an id names: a code's own id, or an alias of it (a code merged into it). */
  get(id: string): Code | undefined {
    return this.byId.get(id) ?? this.byId.get(this.aliasTarget.get(id) ?? '');
  }

  /** Whether an id names a code, by its own id or an alias. */
  has(id: string): boolean {
    return this.byId.has(id) || this.aliasTarget.has(id);
  }

  /**
   * The id a coding's code id counts under: the code's own id for an alias, the id itself
   * otherwise (a code's id, or an unknown one). Everything that groups codings by code uses this.
   */
  resolve(id: string): string {
    return this.aliasTarget.get(id) ?? id;
  }

  /** Every id codings of a code may name: its own and its aliases. */
  idsOf(id: string): readonly string[] {
    const code = this.get(id);
    return code ? [code.id, ...(code.aliases ?? [])] : [id];
  }

  /** Whether an id is an alias (not a code's own id). */
  isAlias(id: string): boolean {
    return this.aliasTarget.has(id);
  }

  /** Children of a code in file order; the top-level codes for `undefined`. */
  children(id: string | undefined): readonly Code[] {
    return this.childrenById.get(id ?? TOP) ?? [];
  }

  /** The codes from the top-level ancestor down to the code itself; empty for an unknown id. */
  path(id: string): readonly Code[] {
    const path: Code[] = [];
    for (let code = this.get(id); code; code = code.parentId === undefined ? undefined : this.byId.get(code.parentId)) {
      path.unshift(code);
    }
    return path;
  }

  /** The path as text, e.g. "Organisation › Policy". */
  pathLabel(id: string, separator = PATH_SEPARATOR): string {
    return this.path(id)
      .map((code) => code.name)
      .join(separator);
  }

  /** All codes below a code, depth first in file order. */
  descendants(id: string): readonly Code[] {
    const result: Code[] = [];
    const visit = (parentId: string): void => {
      for (const child of this.children(parentId)) {
        result.push(child);
        visit(child.id);
      }
    };
    visit(id);
    return result;
  }

  /** Whether `id` lies strictly below `ancestorId`. */
  isDescendant(id: string, ancestorId: string): boolean {
    const own = this.resolve(id);
    return this.path(own).some((code) => code.id === this.resolve(ancestorId) && code.id !== own);
  }

  // ----- The codebooks that edits should produce -----

  /** The codebook with `code` added under `parentId` at sibling position `index`. */
  withAdded(code: Omit<Code, 'parentId'>, parentId: string | undefined, index: number): Codebook {
    return this.rebuild((tree) => tree.insert({ ...withoutUndefined(code), ...(parentId === undefined ? {} : { parentId }) }, index));
  }

  /** The codebook with a code moved under `parentId` to sibling position `index`. */
  withMoved(id: string, parentId: string | undefined, index: number): Codebook {
    return this.rebuild((tree) => {
      const code = tree.remove(id);
      const moved: Code = withoutUndefined({ ...code, parentId });
      tree.insert(moved, index);
    });
  }

  /** The codebook with a code's name, colour, description or aliases changed (`undefined` removes). */
  withChanged(id: string, change: Partial<Pick<Code, 'name' | 'colour' | 'description' | 'guid' | 'aliases'>>): Codebook {
    const existing = this.byId.get(id);
    if (!existing) throw new Error(`Unknown code "${id}"`);
    const changed = withoutUndefined({ ...existing, ...change });
    return new Codebook(this.codes.map((code) => (code.id === id ? changed : code)));
  }

  /** The codebook without a code and everything below it. */
  withRemoved(id: string): Codebook {
    const gone = new Set([id, ...this.descendants(id).map((code) => code.id)]);
    return new Codebook(this.codes.filter((code) => !gone.has(code.id)));
  }

  private rebuild(change: (tree: MutableTree) => void): Codebook {
    const tree = new MutableTree(this.codes);
    change(tree);
    return new Codebook(tree.flatten());
  }
}

/** Ordered children lists, for computing the result of structural edits. */
class MutableTree {
  private readonly byId = new Map<string, Code>();
  private readonly children = new Map<string, string[]>();

  constructor(codes: readonly Code[]) {
    for (const code of codes) {
      this.byId.set(code.id, code);
      this.list(code.parentId).push(code.id);
    }
  }

  insert(code: Code, index: number): void {
    this.byId.set(code.id, code);
    this.list(code.parentId).splice(index, 0, code.id);
  }

  remove(id: string): Code {
    const code = this.byId.get(id);
    if (!code) throw new Error(`Unknown code "${id}"`);
    const siblings = this.list(code.parentId);
    siblings.splice(siblings.indexOf(id), 1);
    return code;
  }

  flatten(): Code[] {
    const result: Code[] = [];
    const visit = (parentId: string | undefined): void => {
      for (const id of this.list(parentId)) {
        const code = this.byId.get(id);
        if (!code) continue;
        result.push(code);
        visit(id);
      }
    };
    visit(undefined);
    return result;
  }

  private list(parentId: string | undefined): string[] {
    const key = parentId ?? TOP;
    let list = this.children.get(key);
    if (!list) this.children.set(key, (list = []));
    return list;
  }
}

/** Drops keys whose value is undefined, so that codes compare equal whichever way they were built. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
