-- Which incident a diagnosis is about, so a replay of the same evidence is not counted as a new
-- occurrence (issue 14): observed_on is the host the evidence was gathered on (a replayed bundle's
-- host), incident a fingerprint of that evidence (target and probe outputs). NULL for rows stored
-- before this migration: each of those counts as its own incident on its own host.
ALTER TABLE diagnosis ADD COLUMN observed_on VARCHAR(255);
ALTER TABLE diagnosis ADD COLUMN incident VARCHAR(64);
