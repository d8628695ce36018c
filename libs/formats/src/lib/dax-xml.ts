import { isPlainObject, quoteId, ValidationError } from '@hetsched/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatPosition, LineIndex } from './text-position.js';

/**
 * Limits on what the XML of a DAX may declare and nest. A DAX needs no DTD at all; entities are allowed inside
 * these bounds because some generators write small internal ones. Anything past them is refused as invalid input
 * with its line: an external entity would make the reader fetch a file or URL (XXE), entities referring to
 * entities can expand exponentially (the "billion laughs"), and the parser walks elements recursively.
 */
export const DAX_XML_LIMITS = {
  /** Characters in one entity's replacement text. */
  maxEntitySize: 10_000,
  /** Entity declarations in the DTD. */
  maxEntityCount: 1_000,
  /** Characters that entity expansion may add to one text or attribute value. */
  maxExpandedLength: 100_000,
  /** Entity references expanded in the whole document. */
  maxTotalExpansions: 10_000,
  /**
   * Elements with content (a start and an end tag) nested in one another, `<adag>` included; an empty element
   * (`<x/>`) may sit inside the innermost. A DAX uses 3 levels: adag, job, uses.
   */
  maxNestedElements: 100,
} as const;

const WHAT = 'Pegasus DAX';
const ATTRIBUTE_PREFIX = '@_';
/** The elements that may repeat; the parser would otherwise give an object for one and an array for several. */
const REPEATED = new Set(['job', 'uses', 'child', 'parent']);

/**
 * The `<adag>` element of a DAX, parsed; or a ValidationError whose path is the line and column of the fault:
 * text that is not well-formed XML, a DTD that declares what DAX_XML_LIMITS refuses, or a document the parser
 * refuses for any other reason (too deep, an element named like a JavaScript prototype member).
 */
export function parseAdag(xml: string): Record<string, unknown> {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { line, col, msg } = validation.err;
    const path = col === undefined ? `line ${line}` : formatPosition({ line, column: col });
    throw new ValidationError([{ severity: 'error', path, message: `not well-formed XML: ${msg.replace(/\s+/g, ' ')}` }], WHAT);
  }
  checkEntityDeclarations(xml);
  let document: Record<string, unknown>;
  try {
    document = daxParser().parse(xml) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const { offset, message } = explainParserFault(xml, error.message);
    throw new ValidationError([{ severity: 'error', path: positionOf(xml, offset), message }], WHAT, { cause: error });
  }
  const adag = document['adag'];
  // `<adag/>` and `<adag>text</adag>` come back as strings: an adag without jobs, which the reader reports as such.
  if (adag !== undefined && !Array.isArray(adag)) return isPlainObject(adag) ? adag : {};
  const root = Object.keys(document)[0];
  const found = root === undefined ? 'no element' : `<${root}>`;
  throw new ValidationError([{ severity: 'error', path: '/adag', message: `not a Pegasus DAX: the root element must be <adag>, found ${found}` }], WHAT);
}

function daxParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    // Attribute values stay text: ids such as "00012" must not turn into numbers. Numbers are parsed by the reader.
    parseAttributeValue: false,
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    captureMetaData: true,
    // Attribute values are kept as written: an id " a" is not "a" (ids are data).
    trimValues: false,
    // Character references (&#38;, &#x41;) are XML; the parser decodes them only with its HTML entities on, which
    // also reads the HTML names (&nbsp;): lenient, and better than keeping "&#38;" in an id.
    htmlEntities: true,
    isArray: (name) => REPEATED.has(name),
    // The parser counts the open elements around a start tag, the root excluded: 99 around it puts it at level 100.
    maxNestedTags: DAX_XML_LIMITS.maxNestedElements - 1,
    processEntities: {
      enabled: true,
      maxEntitySize: DAX_XML_LIMITS.maxEntitySize,
      maxEntityCount: DAX_XML_LIMITS.maxEntityCount,
      maxExpandedLength: DAX_XML_LIMITS.maxExpandedLength,
      maxTotalExpansions: DAX_XML_LIMITS.maxTotalExpansions,
    },
  });
}

/** `<!ENTITY name ...>` or `<!ENTITY % name ...>`, with what follows the name: SYSTEM, PUBLIC or a quoted value. */
const ENTITY_DECLARATION = /<!ENTITY\s+(%\s*)?([^\s"'>]+)\s*(SYSTEM|PUBLIC|"[^"]*"|'[^']*')?/g;

/**
 * Refuses, at its line, an entity declaration of the DTD that DAX_XML_LIMITS forbids: external (SYSTEM, PUBLIC),
 * parameter (%), longer than maxEntitySize, or past maxEntityCount. Scans the DOCTYPE only: O(its length).
 */
function checkEntityDeclarations(xml: string): void {
  const doctype = doctypeRange(xml);
  if (doctype === undefined) return;
  const declarations = xml.slice(doctype.start, doctype.end);
  let count = 0;
  for (const match of declarations.matchAll(ENTITY_DECLARATION)) {
    const [, percent, name = '', definition = ''] = match;
    const entity = `entity ${quoteId(name)}`;
    count++;
    const problem = percent
      ? `parameter ${entity} is not allowed in a DAX`
      : definition === 'SYSTEM' || definition === 'PUBLIC'
        ? `external ${entity} is not allowed: a DAX may not make its reader fetch files or URLs`
        : definition.length - 2 > DAX_XML_LIMITS.maxEntitySize
          ? `${entity} is ${definition.length - 2} characters long: at most ${DAX_XML_LIMITS.maxEntitySize} are allowed`
          : count > DAX_XML_LIMITS.maxEntityCount
            ? `more than ${DAX_XML_LIMITS.maxEntityCount} entity declarations: a DAX needs none`
            : undefined;
    if (problem !== undefined) {
      throw new ValidationError([{ severity: 'error', path: positionOf(xml, doctype.start + match.index), message: problem }], WHAT);
    }
  }
}

/** The `<!DOCTYPE ...>` declaration, internal subset included, as offsets; undefined when there is none. */
function doctypeRange(xml: string): { start: number; end: number } | undefined {
  const start = xml.indexOf('<!DOCTYPE');
  if (start === -1) return undefined;
  const subset = xml.indexOf('[', start);
  const close = xml.indexOf('>', start);
  if (subset === -1 || (close !== -1 && close < subset)) return { start, end: close === -1 ? xml.length : close + 1 };
  const subsetEnd = /\]\s*>/g;
  subsetEnd.lastIndex = subset;
  const match = subsetEnd.exec(xml);
  return { start, end: match ? match.index + match[0].length : xml.length };
}

/**
 * What a parser error means for a user, and where: the parser's messages give no position, so the place is found
 * from what the message names (an entity, an element), else the DOCTYPE (where entities come from), else the start.
 */
function explainParserFault(xml: string, parserMessage: string): { offset: number; message: string } {
  const reserved = /Invalid name: "([^"]+)"/.exec(parserMessage);
  if (reserved) {
    const name = reserved[1]!;
    const pattern = escapeRegExp(name);
    const offset = firstMatch(xml, new RegExp(`<(?:[\\w.-]+:)?${pattern}[\\s/>]|\\s${pattern}\\s*=`, 'g'));
    return { offset, message: `the name ${quoteId(name)} (an element or attribute) cannot be read: it is reserved in JavaScript objects` };
  }
  if (/nested tags/i.test(parserMessage)) {
    return { offset: tooDeepElement(xml), message: `elements are nested more than ${DAX_XML_LIMITS.maxNestedElements} deep: a DAX nests 3 (adag, job, uses)` };
  }
  const entity = /Entity "([^"]+)"/.exec(parserMessage);
  const entityOffset = entity ? firstMatch(xml, new RegExp(`<!ENTITY\\s+${escapeRegExp(entity[1]!)}\\s`, 'g')) : -1;
  const doctype = xml.indexOf('<!DOCTYPE');
  const offset = entityOffset !== -1 ? entityOffset : doctype !== -1 ? doctype : 0;
  const entities = /entit|expan/i.test(parserMessage) ? `entities past the limits of a DAX (${entityLimits()}): ` : '';
  return { offset, message: `cannot be read as a DAX: ${entities}${parserMessage.replace(/\s+/g, ' ')}` };
}

function entityLimits(): string {
  const { maxEntitySize, maxExpandedLength, maxTotalExpansions } = DAX_XML_LIMITS;
  return `${maxEntitySize} characters per entity, ${maxExpandedLength} added per value, ${maxTotalExpansions} expansions`;
}

/**
 * The offset of the first element with content nested deeper than maxNestedElements (the one the parser refused):
 * start and end tags counted in one scan, skipping comments, CDATA, processing instructions and declarations (the
 * text is well-formed XML). O(length).
 */
function tooDeepElement(xml: string): number {
  const tags = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<(\/?)[^\s/>]+(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;
  let depth = 0;
  for (const match of xml.matchAll(tags)) {
    const [text, closing, selfClosing] = match;
    if (!text.startsWith('<') || text.startsWith('<!') || text.startsWith('<?')) continue;
    if (closing) {
      depth--;
      continue;
    }
    if (selfClosing) continue;
    if (depth + 1 > DAX_XML_LIMITS.maxNestedElements) return match.index;
    depth++;
  }
  return 0;
}

function firstMatch(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? match.index + (match[0].startsWith('<') ? 0 : 1) : -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function positionOf(xml: string, offset: number): string {
  return formatPosition(new LineIndex(xml).positionAt(Math.max(0, offset)));
}
