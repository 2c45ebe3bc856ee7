// Roster files: CSV reading, OneRoster sets, and the supports and screener template.
export * from './csv';
export * from './oneroster';
export * from './supports';
