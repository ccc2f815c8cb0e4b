// Case and document attributes (cases.yaml) as REFI-QDA Variables and VariableValues
// (docs/refi-qda.md): each attribute's type becomes the variable's typeOfVariable.
import { CASES_FILE } from '../cases/cases';
import type { AttributeDefinition, AttributeValue, Problem } from '../model';
import type { Study } from '../study/study';
import { variableGuid } from './guids';
import type { XmlElement, XmlTextCleaner } from './xml-text';

type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date';

/** Attributes as Variables: one per definition of cases.yaml, and one (Text) per name used without one. */
export class Variables {
  private readonly types = new Map<string, { type: VariableType; definition?: AttributeDefinition }>();

  constructor(
    study: Study,
    private readonly cleaner: XmlTextCleaner,
    private readonly problems: Problem[],
  ) {
    const used = study.cases.cases.flatMap((c) => [c.attributes, ...c.documents.map((d) => d.attributes)]);
    const valuesOf = (name: string) => used.flatMap((values) => (name in values ? [values[name]] : []));
    for (const definition of study.cases.attributes) {
      const type: VariableType =
        definition.type === 'number' ? (valuesOf(definition.name).every((v) => Number.isInteger(v)) ? 'Integer' : 'Float')
        : definition.type === 'date' ? 'Date'
        : definition.type === 'boolean' ? 'Boolean'
        : 'Text';
      this.types.set(definition.name, { type, definition });
    }
    for (const values of used) for (const name of Object.keys(values)) if (!this.types.has(name)) this.types.set(name, { type: 'Text' });
  }

  elements(): XmlElement[] {
    return [...this.types].map(([name, { type, definition }]) => ({
      '@_guid': variableGuid(name),
      '@_name': this.cleaner.clean(name, CASES_FILE, `the attribute name "${name}"`),
      '@_typeOfVariable': type,
      Description: definition?.type === 'choice' && definition.values ? this.cleaner.clean(`choice: ${definition.values.join(', ')}`, CASES_FILE, `the values of "${name}"`) : undefined,
    }));
  }

  valuesOf(values: Readonly<Record<string, AttributeValue>>, file: string): XmlElement[] | undefined {
    const elements: XmlElement[] = [];
    for (const [name, value] of Object.entries(values)) {
      const type = this.types.get(name)?.type ?? 'Text';
      const reference = { '@_targetGUID': variableGuid(name) };
      if (type === 'Integer' || type === 'Float') {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          this.problems.push({ file, message: `The value "${String(value)}" of "${name}" is not a finite number; not exported.`, severity: 'warning' });
          continue;
        }
        elements.push({ VariableRef: reference, [`${type}Value`]: decimal(value) });
      } else if (type === 'Boolean') elements.push({ VariableRef: reference, BooleanValue: String(value) });
      else if (type === 'Date') elements.push({ VariableRef: reference, DateValue: String(value) });
      else elements.push({ VariableRef: reference, TextValue: this.cleaner.clean(String(value), file, `the value of "${name}"`) });
    }
    return elements.length === 0 ? undefined : elements;
  }
}

/** A number as xsd:decimal (no exponent). */
function decimal(value: number): string {
  return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
