-- Each document's snapshot in a table of its own. In `documents` the snapshot blob came
-- before the stamp columns, so reading a stamp walked the blob's overflow pages and every
-- accepted edit rewrote the whole snapshot just to bump `chunks_size` and `updated_at`.
-- Now the row every sync reads and updates holds only the stamp; the snapshot is written
-- when a document is created or compacted.
CREATE TABLE document_snapshots (
    doc_id   TEXT PRIMARY KEY REFERENCES documents(doc_id),
    snapshot BLOB NOT NULL
);
INSERT INTO document_snapshots (doc_id, snapshot) SELECT doc_id, snapshot FROM documents;
ALTER TABLE documents DROP COLUMN snapshot;
