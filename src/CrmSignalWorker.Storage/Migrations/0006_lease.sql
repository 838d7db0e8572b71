-- Work that one replica at a time may do (a change stream, the scheduler) is held under a lease. A holder renews it
-- before it expires; a replica that dies stops renewing and another takes the lease over once it has expired.
-- Expiry is judged by the database's clock, so replicas with skewed clocks still agree.
CREATE TABLE lease (
    name         text PRIMARY KEY,
    holder       text NOT NULL,
    acquired_at  timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
