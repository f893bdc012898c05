// What a delivery's warning means for the user, where Intercom's behaviour explains it (beyond the warning itself).

const NOTES: [RegExp, string][] = [
  [
    /^contact not found, not attached$/,
    'Intercom keeps the company, but does not show a company without contacts in its app: it appears once a contact is attached (identify the user, then group again).',
  ],
];

/** The note explaining `warning`, if ferry has one. */
export function noteFor(warning: string): string | undefined {
  return NOTES.find(([pattern]) => pattern.test(warning))?.[1];
}
