-- When a stream was last read to its end: rows created before this instant are in the store, so a digest
-- of a period that ended earlier is complete.
ALTER TABLE checkpoint ADD COLUMN polled_at timestamptz;
