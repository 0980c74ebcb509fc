package dev.dropdx.diagnosis;

import java.util.List;

/**
 * A proven cause in the user's words: the knowledge-base entry filled in with the diagnosis's values.
 *
 * @param cause cause id
 * @param rank 1 is the most likely
 * @param title one line
 * @param explanation why the kernel drops the packets
 * @param fix what to change
 * @param verify how to check the fix worked
 * @param evidence the facts that prove it
 * @param rule the rule that concluded it
 */
public record ExplainedDiagnosis(
    String cause, int rank, String title, String explanation, List<String> fix, List<String> verify,
    List<String> evidence, String rule) {}
