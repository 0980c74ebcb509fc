package dev.dropdx.probe.iproute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.RouteLookup;
import dev.dropdx.probe.exec.CommandResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteOutputParserTest {

  @Test
  void aUnicastRouteGivesItsDevice() {
    var r = new CommandResult(List.of("ip"), 0, "198.18.2.1 dev rpf-alt0 src 198.18.1.2 uid 0 \\    cache \n", "", false);
    RouteLookup l = RouteOutputParser.parse("ns", "output", "198.18.2.1", null, null, r);
    assertThat(l.ok()).isTrue();
    assertThat(l.dev()).isEqualTo("rpf-alt0");
    assertThat(l.type()).isEqualTo("unicast");
  }

  @Test
  void aLocalRouteKeepsItsType() {
    var r = new CommandResult(List.of("ip"), 0, "local 198.18.1.2 from 198.18.1.1 dev lo table local \\    cache <local> iif rx0\n", "", false);
    assertThat(RouteOutputParser.parse("ns", "input", "198.18.1.2", "198.18.1.1", "rx0", r).type()).isEqualTo("local");
  }

  @Test
  void theKernelsErrorIsKeptInItsOwnWords() {
    var r = new CommandResult(List.of("ip"), 2, "", "RTNETLINK answers: Network is unreachable\n", false);
    RouteLookup l = RouteOutputParser.parse("ns", "output", "198.18.2.1", null, null, r);
    assertThat(l.ok()).isFalse();
    assertThat(l.error()).isEqualTo("Network is unreachable");
  }
}
