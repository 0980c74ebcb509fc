package dev.dropdx.rules;

import java.nio.file.Path;

/**
 * One DRL file of a rule book: where it is on disk, which rules directory it came from (1-based,
 * later ones override earlier ones), the name it gets inside the Drools module, and its text.
 */
public record RuleSource(Path file, int dirIndex, String resource, String text) {}
