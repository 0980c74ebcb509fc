package dev.dropdx.probe.team;

/** A refused team probe declaration: file, line (1-based; 0 = the file as a whole) and why. */
public record TeamProbeProblem(String file, int line, String message) {}
