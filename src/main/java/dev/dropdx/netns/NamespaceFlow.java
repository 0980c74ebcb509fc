package dev.dropdx.netns;

/**
 * Dropped packets of one flow in one namespace, as a host-wide watch saw them: what the
 * per-namespace diagnosis narrows its target to when the user named no flow (the rules ask about
 * the destination port, for instance, only when the target has one).
 *
 * @param netns the namespace's id ("" dropdx's own, a name, or pid:N)
 * @param function the dropping function, e.g. __udp4_lib_rcv
 * @param reason the drop reason name, e.g. NO_SOCKET
 * @param dst destination address, e.g. 198.18.150.2
 * @param protocol IP protocol, e.g. 17
 * @param dport destination port, 0 when not UDP/TCP or not read
 * @param count packets
 */
public record NamespaceFlow(String netns, String function, String reason, String dst, int protocol, int dport, long count) {}
