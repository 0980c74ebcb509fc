/** H2 on disk: the history of diagnoses on this host and the knowledge base as loaded, schema by Flyway. */
package dev.dropdx.history;
