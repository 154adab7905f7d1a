// Shapes of records the sync pull carries, the same on the server that builds them and on the
// device that keeps them (docs/sync.md "Pull").

/** A note as a device holds it: a sensitive note reaches only those who may read it. */
export interface NoteRecord {
  id: string;
  caseId: string;
  text: string;
  sensitive: boolean;
  createdAt: string;
  authorUsername: string | null;
}
