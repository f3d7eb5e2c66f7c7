-- Provenance per document: every report of a kind starts from one genesis, so one change
-- can be valid in several documents, and each of them keeps its own receipt of it.
CREATE TABLE changes_new (
    doc_id      TEXT    NOT NULL,
    hash        BLOB    NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    device      TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (doc_id, hash)
);
INSERT INTO changes_new (doc_id, hash, user_id, device, received_at)
    SELECT doc_id, hash, user_id, device, received_at FROM changes;
DROP TABLE changes;
ALTER TABLE changes_new RENAME TO changes;
CREATE INDEX changes_by_doc ON changes(doc_id, received_at);
-- The reviewers' list and the matrix ask which reports came in a handed-in file on every
-- request: an index, not a walk of every change.
CREATE INDEX changes_by_device ON changes(device, doc_id);

-- Change notices by commit order: each write takes the next number from the one row of
-- `change_counter`, whose lock it holds until it commits, so a poller that has read up
-- to number N never later meets a change numbered below N. A receipt time cannot say
-- this: it is taken before the write waits for its turn.
CREATE TABLE change_counter (
    only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
    last     INTEGER NOT NULL
);
INSERT INTO change_counter (only_row, last) VALUES (1, 0);
ALTER TABLE documents ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET change_seq = (SELECT COUNT(*) FROM documents d
    WHERE d.updated_at < documents.updated_at
       OR (d.updated_at = documents.updated_at AND d.doc_id <= documents.doc_id));
UPDATE change_counter SET last = (SELECT COALESCE(MAX(change_seq), 0) FROM documents);
CREATE INDEX documents_by_change_seq ON documents(change_seq);

-- Timeliness is the first submission's receipt, kept apart from the submission in force
-- (which a resubmission after a return moves); and the version that submission named,
-- so a report changed after it reads "sửa sau khi nộp".
ALTER TABLE report_projection ADD COLUMN first_submitted_at INTEGER;
ALTER TABLE report_projection ADD COLUMN submitted_heads TEXT;
UPDATE report_projection SET first_submitted_at = submitted_at;
