-- The first schema: users and their tokens, report documents stored as a snapshot plus
-- appended chunks, who uploaded each change and when, and the projection the reviewer's
-- list reads. Times are milliseconds since the Unix epoch, taken from the server's clock.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    -- argon2id PHC string
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    -- statistics-office code of the user's unit; NULL for province-wide roles
    unit_code     INTEGER,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

-- Opaque bearer tokens; only their SHA-256 is kept, so a leaked database grants nothing.
CREATE TABLE tokens (
    token_hash BLOB    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

-- One row per Automerge document: the last compacted snapshot. Changes accepted since
-- then are in document_chunks; loading is snapshot + every chunk in order.
CREATE TABLE documents (
    doc_id        TEXT    PRIMARY KEY,
    snapshot      BLOB    NOT NULL,
    snapshot_size INTEGER NOT NULL,
    chunks_size   INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE document_chunks (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT    NOT NULL REFERENCES documents(doc_id),
    bytes  BLOB    NOT NULL
);
CREATE INDEX document_chunks_by_doc ON document_chunks(doc_id, id);

-- Provenance: what the server saw, not what an actor id claims.
CREATE TABLE changes (
    hash        BLOB    PRIMARY KEY,
    doc_id      TEXT    NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    device      TEXT    NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE INDEX changes_by_doc ON changes(doc_id, received_at);

-- Read model for reviewers, rebuilt from documents at will.
CREATE TABLE report_projection (
    doc_id            TEXT    PRIMARY KEY,
    kind              TEXT    NOT NULL,
    unit_code         INTEGER NOT NULL,
    period            TEXT    NOT NULL,
    first_received_at INTEGER NOT NULL,
    last_received_at  INTEGER NOT NULL,
    -- JSON array of [label, value] pairs in the outline's order
    summary           TEXT    NOT NULL
);
CREATE INDEX report_projection_by_unit ON report_projection(unit_code);
