-- The records whose changes are tracked, kept for segmentation: a change belongs to its record's market.
CREATE TABLE crm_record (
    id           text PRIMARY KEY,
    object_name  text NOT NULL,
    name         text,
    owner_id     text,
    market       text,
    modified_at  timestamptz NOT NULL,
    synced_at    timestamptz NOT NULL
);
