package dev.dropdx.history;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One stored diagnosis.
 *
 * @param id its number, for `history show ID`
 * @param createdAt when
 * @param host where
 * @param target what was asked about
 * @param verdict how it ended
 * @param causes proven causes
 */
public record HistoryRecord(long id, OffsetDateTime createdAt, String host, String target, String verdict, List<String> causes) {}
