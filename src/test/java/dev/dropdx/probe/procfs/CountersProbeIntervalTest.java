package dev.dropdx.probe.procfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counters probe writes the interval it read at, and the facts carry the recorded one, not the asked one. */
class CountersProbeIntervalTest {
  private static final ProbeContext CONTEXT = new ProbeContext(null, null, 3, line -> { });

  private static String reading(String stdout) {
    return RawCommand.encode(new CommandResult(List.of("cat", "/proc/net/snmp", "/proc/net/netstat"), 0, stdout, "", false));
  }

  private static ProbeRequest request(String seconds) {
    return ProbeRequest.of("counters", 50, "test", "why", "netns", "lab", "names", "UdpNoPorts", "seconds", seconds);
  }

  @Test
  void aLiveRunSleepsTheAskedIntervalAndRecordsIt() {
    List<Double> slept = new ArrayList<>();
    CommandRunner runner = new CommandRunner(null) {
      @Override
      public List<CommandResult> runTwiceIn(String netns, List<String> command, double seconds, Duration timeout) {
        slept.add(seconds);
        return List.of(new CommandResult(command, 0, "Udp: InDatagrams NoPorts\nUdp: 10 3\n", "", false),
            new CommandResult(command, 0, "Udp: InDatagrams NoPorts\nUdp: 12 5\n", "", false));
      }
    };
    var outcome = new CountersProbe(runner).run(request("0.5"), CONTEXT);
    assertThat(slept).containsExactly(0.5);
    assertThat(outcome.raw()).endsWith("--- interval ---\n0.5\n");
    assertThat(outcome.facts()).containsExactly(new Counter("lab", "UdpNoPorts", 5, 2, 0.5));
    // replayed with a request of another interval, the recording still says its own
    assertThat(new CountersProbe(null).interpret(request("1"), outcome.raw(), CONTEXT).facts())
        .containsExactly(new Counter("lab", "UdpNoPorts", 5, 2, 0.5));
  }

  @Test
  void anOlderRecordingWithoutItsIntervalIsReadAtTheRecordedRequests() {
    String old = reading("Udp: InDatagrams NoPorts\nUdp: 10 3\n") + "\n--- second reading ---\n" + reading("Udp: InDatagrams NoPorts\nUdp: 12 7\n");
    CountersProbe probe = new CountersProbe(null);
    assertThat(probe.interpret(request("1"), old, CONTEXT).facts()).containsExactly(new Counter("lab", "UdpNoPorts", 7, 4, 1));
    // the same recording, asked by today's rules at 0.5 s: answered, and still said to be 1 s
    String answer = probe.answerFrom(Map.of("netns", "lab", "names", "UdpNoPorts", "seconds", "1"), old, request("0.5")).orElseThrow();
    assertThat(probe.interpret(request("0.5"), answer, CONTEXT).facts()).containsExactly(new Counter("lab", "UdpNoPorts", 7, 4, 1));
    // a half-second recording does not answer a one-second question
    assertThat(probe.answerFrom(Map.of("netns", "lab", "names", "UdpNoPorts", "seconds", "0.5"), old, request("1"))).isEmpty();
    // A damaged bundle's interval (found by BundleFuzzTest: it threw NumberFormatException) answers nothing.
    for (String bad : List.of("\u202e", "x", "NaN", "-1", "0", "Infinity")) {
      assertThat(probe.answerFrom(Map.of("netns", "lab", "names", "UdpNoPorts", "seconds", bad), old, request("0.5"))).as(bad).isEmpty();
      assertThat(probe.answerFrom(Map.of("netns", "lab", "names", "UdpNoPorts", "seconds", "1"), old, request(bad))).as(bad).isEmpty();
    }
  }
}
