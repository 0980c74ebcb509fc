package dev.dropdx.diagnosis;

/**
 * One line of the all-netns table: a namespace's drops at one place for one reason.
 *
 * @param namespace the namespace in words (name, or inode with a process inside it)
 * @param netns its id ("" = dropdx's own, a name, or pid:N)
 * @param reason drop reason name, e.g. IP_RPFILTER
 * @param location where the kernel dropped them, e.g. ip_rcv_finish_core+0x1f4
 * @param packets how many
 * @param cause what the namespace's diagnosis found: the cause ids, "inconclusive", or why it was not diagnosed
 */
public record NamespaceRow(String namespace, String netns, String reason, String location, long packets, String cause) {}
