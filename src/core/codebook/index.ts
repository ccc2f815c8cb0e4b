// The codebook: reading codebook.yaml, editing it as text, ids, colours.

export { Codebook, isValidName, PATH_SEPARATOR, sameName } from './codebook';
export { parseCodebook, type CodebookParseResult } from './parse';
export { addCode, describeCode, mergeCode, moveCode, recolourCode, removeCode, renameCode, setCodeGuid, type NewCode, type RemoveOptions, type SiblingPosition } from './edit';
export { CodebookEditError } from './errors';
export { formatCodebook, DEFAULT_HEADER } from './format';
export { CODE_ID_NAMESPACE, isGuid, newCodeId, toRefiGuid } from './ids';
export { PALETTE, paletteColour } from './palette';
export { isColour } from './colour';
