package dev.dropdx.history;

import java.time.OffsetDateTime;

/**
 * Which diagnoses `history` lists; null fields match all.
 *
 * @param cause a cause id
 * @param since not before
 * @param verdict diagnosed, inconclusive or no-drops
 * @param limit most rows
 */
public record HistoryFilter(String cause, OffsetDateTime since, String verdict, int limit) {}
