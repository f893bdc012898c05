// The directive table: each name with the function that compiles its argument.
import type { CompileContext, Evaluate } from './compile-context.js';
import { compileArrayPath } from './directive-array-path.js';
import { compileExcludeWhenNull, compileLiteral, compilePath, compileTemplateDirective } from './directive-basic.js';
import { compileCase } from './directive-case.js';
import { compileFlatten } from './directive-flatten.js';
import { compileIf } from './directive-if.js';
import { compileJson } from './directive-json.js';
import { compileMerge } from './directive-merge.js';
import { compileReplace } from './directive-replace.js';
import { compileTransform } from './directive-transform.js';

export type CompileDirective = (arg: unknown, ctx: CompileContext) => Evaluate;

export const DIRECTIVES: ReadonlyMap<string, CompileDirective> = new Map<string, CompileDirective>([
  ['@path', compilePath],
  ['@template', compileTemplateDirective],
  ['@if', compileIf],
  ['@literal', compileLiteral],
  ['@case', compileCase],
  ['@replace', compileReplace],
  ['@arrayPath', compileArrayPath],
  ['@json', compileJson],
  ['@flatten', compileFlatten],
  ['@merge', compileMerge],
  ['@transform', compileTransform],
  ['@excludeWhenNull', compileExcludeWhenNull],
]);

/** Directives Segment has that ferry deliberately does not run, with the reason given to the user. */
export const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['@liquid', '"@liquid" is not supported by ferry; use @template, @if, @case or @replace instead.'],
]);
