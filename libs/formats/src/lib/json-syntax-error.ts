/**
 * The offset at which `text` stops being JSON (RFC 8259, the grammar JSON.parse accepts), or undefined when it
 * is valid JSON.
 *
 * Why not read it from JSON.parse's message: V8 gives "at position N" for some errors only ("Unexpected token
 * '}', ... is not valid JSON" has none on Node 20), and the wording changes between Node versions. This scanner
 * runs only after JSON.parse has failed, so its speed does not matter; it keeps an explicit stack instead of
 * recursing, so deeply nested input cannot overflow the call stack.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  const scanner = new JsonScanner(text);
  try {
    scanner.scanDocument();
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxFault) return error.offset;
    throw error;
  }
}

class SyntaxFault {
  constructor(readonly offset: number) {}
}

const enum Code {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const FOUR_HEX_DIGITS = /^[0-9a-fA-F]{4}$/;

class JsonScanner {
  private i = 0;
  /** The containers open around the current position: `{` or `[`. */
  private readonly open: number[] = [];

  constructor(private readonly text: string) {}

  scanDocument(): void {
    for (;;) {
      if (this.scanValue()) continue; // an object or array was opened: its first member comes next
      if (!this.closeContainers()) break;
    }
    this.skipWhitespace();
    if (this.i < this.text.length) this.fail();
  }

  /**
   * One scalar or empty container; or the opening of a non-empty object or array (with the name of its first
   * member), in which case it returns true and the member's value is left to the caller's loop.
   */
  private scanValue(): boolean {
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.i);
    if (c === Code.OpenBrace || c === Code.OpenBracket) {
      const closing = c === Code.OpenBrace ? Code.CloseBrace : Code.CloseBracket;
      this.i++;
      this.skipWhitespace();
      if (this.text.charCodeAt(this.i) === closing) {
        this.i++;
        return false;
      }
      this.open.push(c);
      if (c === Code.OpenBrace) this.scanMemberName();
      return true;
    }
    if (c === Code.Quote) this.scanString();
    else if (c === Code.Minus || this.isDigit(c)) this.scanNumber();
    else this.scanLiteral();
    return false;
  }

  /**
   * After a value: consumes closing brackets and the comma before the next member. Returns true when another
   * value follows (and, in an object, its name and colon are consumed), false at the end of the top-level value.
   */
  private closeContainers(): boolean {
    for (;;) {
      const container = this.open.at(-1);
      if (container === undefined) return false;
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.i);
      if (c === Code.Comma) {
        this.i++;
        if (container === Code.OpenBrace) this.scanMemberName();
        return true;
      }
      const closing = container === Code.OpenBrace ? Code.CloseBrace : Code.CloseBracket;
      if (c !== closing) this.fail();
      this.i++;
      this.open.pop();
    }
  }

  private scanMemberName(): void {
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) !== Code.Quote) this.fail();
    this.scanString();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.i) !== Code.Colon) this.fail();
    this.i++;
  }

  private scanString(): void {
    this.i++; // the opening quote
    for (;;) {
      if (this.i >= this.text.length) this.fail();
      const c = this.text.charCodeAt(this.i);
      if (c === Code.Quote) {
        this.i++;
        return;
      }
      if (c < Code.Space) this.fail();
      if (c === Code.Backslash) {
        const escape = this.text[this.i + 1];
        if (escape === undefined) this.fail(this.i + 1);
        if (escape === 'u') {
          if (!FOUR_HEX_DIGITS.test(this.text.slice(this.i + 2, this.i + 6))) this.fail(this.i + 2);
          this.i += 6;
          continue;
        }
        if (!SIMPLE_ESCAPES.has(escape!)) this.fail(this.i + 1);
        this.i += 2;
        continue;
      }
      this.i++;
    }
  }

  private scanNumber(): void {
    if (this.text.charCodeAt(this.i) === Code.Minus) this.i++;
    if (this.text.charCodeAt(this.i) === Code.Zero) this.i++;
    else this.scanDigits();
    if (this.text.charCodeAt(this.i) === Code.Dot) {
      this.i++;
      this.scanDigits();
    }
    const c = this.text.charCodeAt(this.i);
    if (c === Code.LowerE || c === Code.UpperE) {
      this.i++;
      const sign = this.text.charCodeAt(this.i);
      if (sign === Code.Plus || sign === Code.Minus) this.i++;
      this.scanDigits();
    }
  }

  /** One or more digits. */
  private scanDigits(): void {
    const start = this.i;
    while (this.isDigit(this.text.charCodeAt(this.i))) this.i++;
    if (this.i === start) this.fail();
  }

  private scanLiteral(): void {
    const literal = ['true', 'false', 'null'].find((word) => word[0] === this.text[this.i]);
    if (!literal) this.fail();
    for (const expected of literal!) {
      if (this.text[this.i] !== expected) this.fail();
      this.i++;
    }
  }

  private skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (c !== Code.Space && c !== Code.Tab && c !== Code.LineFeed && c !== Code.CarriageReturn) return;
      this.i++;
    }
  }

  private isDigit(c: number): boolean {
    return c >= Code.Zero && c <= Code.Nine;
  }

  private fail(offset = this.i): never {
    throw new SyntaxFault(Math.min(offset, this.text.length));
  }
}
