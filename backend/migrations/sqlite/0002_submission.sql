-- When the server received the change that marked a report submitted (NULL while it is
-- being drafted, or after the officer withdrew it). Decides on-time or late.
ALTER TABLE report_projection ADD COLUMN submitted_at INTEGER;
