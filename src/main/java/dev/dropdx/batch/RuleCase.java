package dev.dropdx.batch;

/**
 * A team's test case for its rules: a bundle and what the rules must conclude from it. Stored as
 * {@code NAME.case.json} next to the rules: {"bundle": "cases/x.json", "verdict": "diagnosed", "cause": "x"}.
 *
 * @param bundle bundle path, relative to the case file
 * @param verdict expected verdict
 * @param cause a cause the rules must prove from it (null when the verdict is not diagnosed)
 */
public record RuleCase(String bundle, String verdict, String cause) {}
