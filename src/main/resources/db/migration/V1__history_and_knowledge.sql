-- Every diagnosis dropdx made on this host, with its bundle so it can be exported and replayed.
CREATE TABLE diagnosis (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    host        VARCHAR(255) NOT NULL,
    target      VARCHAR(1000) NOT NULL,
    verdict     VARCHAR(20) NOT NULL,
    causes      VARCHAR(1000) NOT NULL,
    trail       CLOB NOT NULL,
    bundle      CLOB NOT NULL
);
CREATE INDEX diagnosis_host_time ON diagnosis (host, created_at);

-- The knowledge base as last loaded from knowledge-base/*.json; reloaded when the files change.
CREATE TABLE knowledge_entry (
    id          VARCHAR(100) PRIMARY KEY,
    title       VARCHAR(1000) NOT NULL,
    entry_json  CLOB NOT NULL,
    search_text CLOB NOT NULL
);
CREATE TABLE knowledge_source (
    id          INT PRIMARY KEY,
    files_hash  VARCHAR(64) NOT NULL,
    loaded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
