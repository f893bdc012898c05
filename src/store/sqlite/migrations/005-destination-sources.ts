// Migration 5: the sources a destination receives events from (a JSON list of source ids; NULL: every source).

export const sql = `
ALTER TABLE destinations ADD COLUMN sources TEXT;
`;
