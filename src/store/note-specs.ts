// The bulk-write shapes of the notes and their audit, shared by every command that writes notes (deliberate,
// conformity's NV, harmonisation apply): one description of those rows (bulk-write.ts).
import type { BulkSpec } from './bulk-write.js';

export const NOTES: BulkSpec<'notes'> = {
  table: 'notes',
  columns: [{ name: 'numero', type: 'text' }, { name: 'unite', type: 'text' }, { name: 'value', type: 'text' }, { name: 'source', type: 'text' }, { name: 'updated_at', type: 'text' }],
  key: ['numero', 'unite'],
};

export const NOTE_AUDIT: BulkSpec<'note_audit'> = {
  table: 'note_audit',
  columns: [
    { name: 'numero', type: 'text' }, { name: 'unite', type: 'text' }, { name: 'old_value', type: 'text' }, { name: 'new_value', type: 'text' },
    { name: 'at', type: 'text' }, { name: 'source', type: 'text' }, { name: 'motif', type: 'text' },
  ],
};
