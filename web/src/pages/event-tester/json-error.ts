// Where JSON text goes wrong and why, the same in every browser (JSON.parse's messages differ and may not give a position).

export interface JsonError {
  /** 0-based offset of the first character that cannot be there (the text's length when it ends too early). */
  offset: number;
  reason: string;
}

/** The first mistake in `text`, or undefined when it is valid JSON. */
export function findJsonError(text: string): JsonError | undefined {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason } satisfies JsonError;
  };
  const describe = () => (i >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[i])}`);
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i += 1;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[i] !== char) fail(`${describe()} (expected ${word})`);
      i += 1;
    }
  };
  const string = () => {
    i += 1; // the opening quote
    while (i < text.length && text[i] !== '"') {
      const char = text[i]!;
      if (char < ' ') fail('a line break or control character inside a string (write \\n)');
      if (char === '\\') {
        i += 1;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('\\u must be followed by 4 hex digits');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail(`${describe()} after a backslash`);
      }
      i += 1;
    }
    if (i >= text.length) fail('a string is not closed (a " is missing)');
    i += 1;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '-') fail(`${describe()} (expected a value)`);
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[i];
    if (char === '{') return object();
    if (char === '[') return list();
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return number();
    fail(char === "'" ? "unexpected ' (JSON strings take double quotes)" : `${describe()} (expected a value)`);
  };
  const object = () => {
    i += 1;
    space();
    if (text[i] === '}') return void (i += 1);
    for (;;) {
      space();
      if (text[i] !== '"') fail(text[i] === '}' ? 'a comma before } (JSON allows none)' : `${describe()} (expected a "quoted" key)`);
      string();
      space();
      if (text[i] !== ':') fail(`${describe()} (expected : after the key)`);
      i += 1;
      value();
      space();
      if (text[i] === ',') i += 1;
      else if (text[i] === '}') return void (i += 1);
      else fail(`${describe()} (expected , or })`);
    }
  };
  const list = () => {
    i += 1;
    space();
    if (text[i] === ']') return void (i += 1);
    for (;;) {
      space();
      if (text[i] === ']') fail('a comma before ] (JSON allows none)');
      value();
      space();
      if (text[i] === ',') i += 1;
      else if (text[i] === ']') return void (i += 1);
      else fail(`${describe()} (expected , or ])`);
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail(`${describe()} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'offset' in error) return error as JsonError;
    throw error;
  }
}
