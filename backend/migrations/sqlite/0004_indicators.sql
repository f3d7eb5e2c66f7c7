-- Each programme report's figures, one row per indicator the unit filled: the value as
-- typed (figures given as is) or numerator and denominator (rates and ratios). Rebuilt
-- with the rest of the projection; consolidation reads it instead of every document.
CREATE TABLE indicator_values (
    doc_id      TEXT    NOT NULL,
    unit_code   INTEGER NOT NULL,
    period      TEXT    NOT NULL,
    indicator   TEXT    NOT NULL,
    value       TEXT,
    numerator   INTEGER,
    denominator INTEGER,
    PRIMARY KEY (doc_id, indicator)
);
CREATE INDEX indicator_values_by_period ON indicator_values(period, indicator);

-- The report's heads when last received (hex, comma-separated), to tell "approved" from
-- "edited after approval" without opening the document.
ALTER TABLE report_projection ADD COLUMN report_heads TEXT;
