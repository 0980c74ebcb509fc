/** The embedded H2 database on disk that history and the knowledge index share, its schema migrated by Flyway. */
package dev.dropdx.db;
