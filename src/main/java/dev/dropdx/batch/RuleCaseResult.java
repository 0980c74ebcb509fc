package dev.dropdx.batch;

/**
 * How one rule case went.
 *
 * @param name the case file
 * @param passed true when verdict and cause matched
 * @param expected what the case expects
 * @param got what the rules concluded (or the error)
 */
public record RuleCaseResult(String name, boolean passed, String expected, String got) {}
