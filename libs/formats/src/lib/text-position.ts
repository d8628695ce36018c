/** A 1-based line and column in a text, as editors show them. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Maps character offsets to lines and columns. The line starts are found once, so many lookups (one per issue
 * in a broken document) cost a binary search each, not a scan of the text.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  positionAt(offset: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }
}

export function formatPosition({ line, column }: TextPosition): string {
  return `line ${line}, column ${column}`;
}
