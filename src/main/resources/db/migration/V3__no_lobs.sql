-- No LOB columns (issue 17): H2 keeps a CLOB longer than 256 bytes in its LOB store, whose
-- bookkeeping maps (lobMap, tempLobMap, lobRef) are written outside transactions; every insert
-- went through a temporary LOB, a copy and a removal in a background thread, and after a kill -9
-- the file can hold those maps half-updated, which H2 asserts against on the next close
-- (LobStorageMap.doRemoveLob). CHARACTER VARYING holds up to 10^9 characters in H2 2.x, far above
-- a bundle's 64 MiB cap (BundleCodec), and is stored in the row, inside the transaction.
ALTER TABLE diagnosis ALTER COLUMN trail SET DATA TYPE CHARACTER VARYING;
ALTER TABLE diagnosis ALTER COLUMN bundle SET DATA TYPE CHARACTER VARYING;
ALTER TABLE knowledge_entry ALTER COLUMN entry_json SET DATA TYPE CHARACTER VARYING;
ALTER TABLE knowledge_entry ALTER COLUMN search_text SET DATA TYPE CHARACTER VARYING;
