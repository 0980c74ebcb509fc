package dev.dropdx.probe;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.Target;
import java.util.function.Consumer;

/**
 * What a probe may use while it runs.
 *
 * @param target the packets asked about
 * @param host the host's capabilities
 * @param windowSeconds how long watching probes watch
 * @param progress receives short progress lines (e.g. a countdown during a watch window)
 */
public record ProbeContext(Target target, HostFacts host, int windowSeconds, Consumer<String> progress) {}
