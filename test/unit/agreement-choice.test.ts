// What the agreement view accepts from its webview and from command arguments: well-formed choices
// pass, anything else falls back to the default rather than reaching Git or the computation.
import { strict as assert } from 'node:assert';
import { commandChoice, webviewChoice } from '../../src/agreement/choice';
import { DEFAULT_CHOICE } from '../../src/shared/agreement-protocol';

describe('agreement view choices', () => {
  it('reads sides as "coder@ref" strings or objects, documents or cases, unit, roll-up and codes from a command argument', () => {
    assert.deepEqual(commandChoice({ sides: ['Marike', 'Joaquín@joaquin', { coder: 'Ana', ref: 'v1' }], documents: ['a.txt'], unit: 'sentence', rollUp: true, codes: ['c1'] }), {
      sides: [{ coder: 'Marike' }, { coder: 'Joaquín', ref: 'joaquin' }, { coder: 'Ana', ref: 'v1' }],
      scope: { kind: 'documents', documents: ['a.txt'] },
      unit: 'sentence',
      rollUp: true,
      codes: ['c1'],
    });
    assert.deepEqual(commandChoice({ cases: ['velden'] }), { scope: { kind: 'cases', cases: ['velden'] } });
  });

  it('makes no choice from what a menu passes (a tree item, a URI) or from malformed fields', () => {
    assert.deepEqual(commandChoice(undefined), {});
    assert.deepEqual(commandChoice(['Marike']), {});
    assert.deepEqual(commandChoice({ id: 'code-1', label: 'Policy' }), {});
    assert.deepEqual(commandChoice({ sides: ['Marike', 3], unit: 'line', rollUp: 'yes', documents: [1], codes: 'c1' }), {});
  });

  it('takes the webview\'s choice field by field, the default for what is malformed', () => {
    const good = { sides: [{ coder: 'Marike' }, { coder: 'Joaquín', ref: 'joaquin' }], scope: { kind: 'cases', cases: ['velden'] }, unit: 'turn', rollUp: false, codes: null };
    assert.deepEqual(webviewChoice(good), good);
    assert.deepEqual(webviewChoice('everything'), DEFAULT_CHOICE);
    assert.deepEqual(webviewChoice({ sides: [{ coder: 1 }], scope: { kind: 'documents', documents: '../../etc/passwd' }, unit: 'word; rm -rf', codes: [null] }), DEFAULT_CHOICE);
  });
});
