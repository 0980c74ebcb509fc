package dev.dropdx.rules;

import static dev.dropdx.support.Facts.NS;
import static dev.dropdx.support.Facts.drop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.Drop;
import dev.dropdx.fact.SocketInfo;
import dev.dropdx.fact.SocketScan;
import dev.dropdx.fact.Target;
import dev.dropdx.fact.TargetMatch;
import dev.dropdx.support.RuleHarness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** socket-filter: SOCKET_FILTER proven by the socket on the target's port that counts the drops. */
class SocketFilterRulesTest {
  private static final String SRC = "198.18.132.1";
  private static final String DST = "198.18.132.2";
  private static final String IF = "skf-rx0";
  private static final String ASK = "socket-filter: ask which socket receives the port and whether it counts drops";
  private static final String PROVEN = "socket-filter: the socket on the port refuses the packets with its filter";
  private static final Target TARGET = new Target(null, DST, 17, 5132, null, NS);

  private static Drop filterDrop(String reason, TargetMatch match) {
    return drop("udp_queue_rcv_one_skb", reason, match, IF, SRC, DST, 17);
  }

  private static SocketInfo udp(String addr, int port, long drops) {
    return new SocketInfo(NS, "udp", "UNCONN", addr, port, null, "python3", 4242, 0, 212992, 0, drops);
  }

  @Test
  void aSocketFilterDropAsksForTheSocketsOfThePort() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, filterDrop("SOCKET_FILTER", TargetMatch.TARGET)).fire();
      assertThat(h.fired()).contains(ASK);
      assertThat(h.requests("sockets")).singleElement().satisfies(r -> {
        assertThat(r.param("netns")).isEqualTo(NS);
        assertThat(r.param("port")).isEqualTo("5132");
      });
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void theSocketOnThePortCountingDropsProvesTheFilter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, filterDrop("SOCKET_FILTER", TargetMatch.TARGET), new SocketScan(NS, 3), udp("0.0.0.0", 5132, 4),
          udp("198.18.132.2", 5133, 0), udp("198.18.132.9", 5132, 7)).fire();
      assertThat(h.fired()).contains(PROVEN);
      Diagnosis d = h.diagnoses().get(0);
      assertThat(d.cause()).isEqualTo("socket-filter");
      assertThat(d.bindings()).containsEntry("proto", "udp").containsEntry("dport", "5132").containsEntry("src", SRC)
          .containsEntry("pid", "4242");
      // the socket bound to another address cannot receive these packets and is not named
      assertThat(d.items().get("sockets")).singleElement()
          .isEqualTo(Map.of("endpoint", "udp 0.0.0.0:5132", "owner", "python3 (pid 4242)", "socketDrops", "4"));
      assertThat(RuleHarness.words(d)).contains("udp 0.0.0.0:5132 owned by python3 (pid 4242)", "SO_ATTACH_FILTER", "ss -uanp sport = :5132");
      assertThat(h.requests("sockets")).isEmpty();
    }
  }

  @Test
  void nearMissXfrmPolicyAtTheSameLocationIsNotASocketFilter() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, filterDrop("XFRM_POLICY", TargetMatch.TARGET), new SocketScan(NS, 1), udp("0.0.0.0", 5132, 4)).fire();
      assertThat(h.fired()).doesNotContain(ASK, PROVEN);
      assertThat(h.diagnoses()).extracting(Diagnosis::cause).doesNotContain("socket-filter");
    }
  }

  @Test
  void nearMissASocketThatCountsNoDropsProvesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, filterDrop("SOCKET_FILTER", TargetMatch.TARGET), new SocketScan(NS, 1), udp("0.0.0.0", 5132, 0)).fire();
      assertThat(h.fired()).doesNotContain(PROVEN);
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissSomeoneElsesFilterDropAsksNothingAndConcludesNothing() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(TARGET, filterDrop("SOCKET_FILTER", TargetMatch.OTHER), new SocketScan(NS, 1), udp("0.0.0.0", 5132, 4)).fire();
      assertThat(h.requests("sockets")).isEmpty();
      assertThat(h.diagnoses()).isEmpty();
    }
  }

  @Test
  void nearMissWithoutATargetPortNoSocketCanBeNamed() {
    try (RuleHarness h = new RuleHarness()) {
      h.insert(new Target(null, DST, 17, null, null, NS), filterDrop("SOCKET_FILTER", TargetMatch.TARGET), new SocketScan(NS, 1),
          udp("0.0.0.0", 5132, 4)).fire();
      assertThat(h.diagnoses()).isEmpty();
    }
  }
}
