package dev.dropdx.rules;

/**
 * One loaded rule.
 *
 * @param name rule name, e.g. "rp-filter: ask for the effective rp_filter"
 * @param packageName DRL package
 * @param file the file it came from
 */
public record RuleInfo(String name, String packageName, String file) {}
