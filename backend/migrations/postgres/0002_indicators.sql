-- Each programme report's figures (see the SQLite migration 0004).
CREATE TABLE indicator_values (
    doc_id      TEXT   NOT NULL,
    unit_code   BIGINT NOT NULL,
    period      TEXT   NOT NULL,
    indicator   TEXT   NOT NULL,
    value       TEXT,
    numerator   BIGINT,
    denominator BIGINT,
    PRIMARY KEY (doc_id, indicator)
);
CREATE INDEX indicator_values_by_period ON indicator_values(period, indicator);

ALTER TABLE report_projection ADD COLUMN report_heads TEXT;
