// @template rendering: both brace passes, missing values, value-to-text conversion.
import { describe, expect, it } from 'vitest';
import { compileTemplate, renderDynamicTemplate, toText } from './template.js';

const data = {
  name: 'Ada',
  zero: 0,
  no: false,
  nil: null,
  list: [1, null, [2, 3], { a: 1 }],
  obj: { a: 1 },
  tpl: '{{name}}',
  xQy: 'spliced',
  q: 'Q',
};

describe('compileTemplate', () => {
  it.each([
    ['Hello {{name}}!', 'Hello Ada!'],
    ['{{ name }}', 'Ada'],
    ['{{{name}}}', 'Ada'],
    ['{{missing}}|{{nil}}|{{zero}}|{{no}}', '||0|false'],
    ['{{list}}', '1,,2,3,[object Object]'],
    ['{{obj}}', '[object Object]'],
    ['{{.}}', '[object Object]'],
    ['{{ }}', '[object Object]'],
    ['{{$.name}}', ''],
    ['{{}}', '{{}}'],
    ['{name}', '{name}'],
    ['{{name}', '{{name}'],
    ['', ''],
    ['plain text', 'plain text'],
  ])('%j renders %j', (template, expected) => {
    expect(compileTemplate(template)(data)).toBe(expected);
  });

  it('renders values substituted by {{{ }}} again as {{ }} templates', () => {
    expect(compileTemplate('{{{tpl}}}')(data)).toBe('Ada');
    expect(compileTemplate('{{x{{{q}}}y}}')(data)).toBe('spliced');
  });

  it('does not re-render {{ }} substitutions', () => {
    expect(compileTemplate('{{tpl}}')(data)).toBe('{{name}}');
  });
});

describe('renderDynamicTemplate', () => {
  it('renders a template computed at run time', () => {
    expect(renderDynamicTemplate('Hi {{name}}', data)).toBe('Hi Ada');
    expect(renderDynamicTemplate('Hi {{name}}', { name: 'Bo' })).toBe('Hi Bo');
  });
});

describe('toText', () => {
  it('never calls a value own toString', () => {
    expect(toText({ toString: 1, valueOf: 2 })).toBe('[object Object]');
    expect(toText(Object.create(null))).toBe('[object Object]');
    expect(toText([null, undefined, ''])).toBe(',,');
  });
});
