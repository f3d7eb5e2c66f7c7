-- The decision in force on a report (from its review document): 'approved' or
-- 'returned', when the server received it, and the report heads it refers to
-- (hex, comma-separated). NULL until a reviewer decides.
ALTER TABLE report_projection ADD COLUMN verdict TEXT;
ALTER TABLE report_projection ADD COLUMN decided_at INTEGER;
ALTER TABLE report_projection ADD COLUMN verdict_heads TEXT;
