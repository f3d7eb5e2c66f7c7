-- Provenance per document and change notices by commit order (see the SQLite
-- migration 0006).
ALTER TABLE changes DROP CONSTRAINT changes_pkey;
ALTER TABLE changes ADD PRIMARY KEY (doc_id, hash);
CREATE INDEX changes_by_device ON changes(device, doc_id);

CREATE TABLE change_counter (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    last     BIGINT  NOT NULL
);
INSERT INTO change_counter (only_row, last) VALUES (1, 0);
ALTER TABLE documents ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
UPDATE documents SET change_seq = ranked.n FROM (
    SELECT doc_id, ROW_NUMBER() OVER (ORDER BY updated_at, doc_id) AS n FROM documents
) ranked WHERE ranked.doc_id = documents.doc_id;
UPDATE change_counter SET last = (SELECT COALESCE(MAX(change_seq), 0) FROM documents);
CREATE INDEX documents_by_change_seq ON documents(change_seq);

-- The first submission's receipt and the version the submission in force named (see the
-- SQLite migration 0006).
ALTER TABLE report_projection ADD COLUMN first_submitted_at BIGINT;
ALTER TABLE report_projection ADD COLUMN submitted_heads TEXT;
UPDATE report_projection SET first_submitted_at = submitted_at;
