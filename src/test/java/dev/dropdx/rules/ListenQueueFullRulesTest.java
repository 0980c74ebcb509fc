package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static dev.dropdx.support.Facts.sysctl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.SocketInfo;
import dev.dropdx.fact.SocketScan;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import org.junit.jupiter.api.Test;

/** listen-queue-full: TCP_LISTEN_OVERFLOW proven by the listener on the port and ListenOverflows rising. */
class ListenQueueFullRulesTest {
  private static final String SRC = "198.18.134.1";
  private static final String DST = "198.18.134.2";
  private static final String IF = "lqf-rx0";
  private static final String PROVEN = "listen-queue-full: the listener on the port refuses connections for a full accept queue";
  private static final Target TARGET = new Target(SRC, DST, 6, 8134, null, NS);

  private static Drop overflow(String reason, TargetMatch match) {
    return drop("tcp_v4_rcv", reason, match, IF, SRC, DST, 6);
  }

  private static SocketInfo listener(String state, int port) {
    return new SocketInfo(NS, "tcp", state, DST, port, null, "python3", 77, 2, -1, -1, -1);
  }

  private static Counter overflows(long value, long increase) {
    return new Counter(NS, "TcpExtListenOverflows", value, increase, 1);
  }

  @Test
  void anOverflowDropAsksForTheListenerTheCountersAndSomaxconn() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, overflow("TCP_LISTEN_OVERFLOW", TargetMatch.TARGET)).fire();
      assertThat(h.requests("sockets")).singleElement().satisfies(r -> assertThat(r.param("port")).isEqualTo("8134"));
      assertThat(h.requests("counters")).singleElement()
          .satisfies(r -> assertThat(r.params()).containsEntry("names", "TcpExtListenOverflows TcpExtListenDrops").containsEntry("seconds", "0.5"));
      assertThat(h.requests("sysctl")).singleElement().satisfies(r -> assertThat(r.param("keys")).isEqualTo("net.core.somaxconn"));
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theListenerAndRisingOverflowsProveTheCause() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, overflow("TCP_LISTEN_OVERFLOW", TargetMatch.TARGET), new SocketScan(NS, 3), listener("LISTEN", 8134),
          listener("ESTAB", 8134), overflows(37, 5), sysctl("net.core.somaxconn", "4096")).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("listen-queue-full");
      assertThat(d.bindings()).containsEntry("endpoint", "tcp 198.18.134.2:8134").containsEntry("queued", "2")
          .containsEntry("somaxconn", "4096").containsEntry("pid", "77");
      assertThat(RuleHarness.words(d)).contains("2 connection(s) waiting", "TcpExtListenOverflows = 37 (+5 in", "ss -ltn sport = :8134",
          "sysctl -w net.core.somaxconn=4096");
      assertThat(h.diagnoses()).hasSize(1);
    }
  }

  @Test
  void nearMissOverflowsThatDoNotRiseProveNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, overflow("TCP_LISTEN_OVERFLOW", TargetMatch.TARGET), new SocketScan(NS, 1), listener("LISTEN", 8134),
          overflows(37, 0), sysctl("net.core.somaxconn", "4096")).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissNoListenerOnThePortProvesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, overflow("TCP_LISTEN_OVERFLOW", TargetMatch.TARGET), new SocketScan(NS, 1), listener("LISTEN", 9999),
          overflows(37, 5), sysctl("net.core.somaxconn", "4096")).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissANoSocketDropAtTheSameTcpLocationIsNotAnOverflow() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, overflow("NO_SOCKET", TargetMatch.TARGET), new SocketScan(NS, 1), listener("LISTEN", 8134), overflows(37, 5),
          sysctl("net.core.somaxconn", "4096")).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).extracting(Diagnosis::cause).doesNotContain("listen-queue-full");
    }
  }

  @Test
  void nearMissSomeoneElsesOverflowAsksNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, overflow("TCP_LISTEN_OVERFLOW", TargetMatch.OTHER), listener("LISTEN", 8134), overflows(37, 5)).fire();
      assertThat(h.requests("counters")).isEmpty();
      assertThat(h.requests("sockets")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
