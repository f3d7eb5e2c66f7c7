-- Each document's snapshot in a table of its own (see the SQLite migration 0005).
CREATE TABLE document_snapshots (
    doc_id   TEXT  PRIMARY KEY REFERENCES documents(doc_id),
    snapshot BYTEA NOT NULL
);
INSERT INTO document_snapshots (doc_id, snapshot) SELECT doc_id, snapshot FROM documents;
ALTER TABLE documents DROP COLUMN snapshot;
