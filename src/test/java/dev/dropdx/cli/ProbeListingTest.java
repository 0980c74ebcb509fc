package dev.dropdx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeCatalog;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.probe.ProbeOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** `rules probes --format json`: each probe of the catalog with its availability on this host (bench/baseline.py reads it). */
class ProbeListingTest {

  /** A probe that needs iproute2, as the route and link probes do. */
  private static Probe needsIp(String id) {
    return new Probe() {
      public String id() {
        return id;
      }

      public ProbeInfo info() {
        return new ProbeInfo("the route", List.of(ProbeInfo.netns(), ProbeInfo.param("to", "destination", "198.18.1.2")), List.of("RouteLookup"),
            List.of("ip route get"));
      }

      public Availability availability(HostFacts host) {
        return Availability.iproute2(host);
      }

      public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static HostFacts host(List<String> tools) {
    return new HostFacts("6.18", true, "/sys/kernel/tracing", Map.of(), tools, List.of());
  }

  @Test
  void listsEveryProbeByIdWithWhetherThisHostCanRunIt() {
    ProbeCatalog catalog = new ProbeCatalog(List.of(needsIp("route"), needsIp("link")));

    List<ProbeListing> with = ProbeListing.of(catalog, host(List.of("ip")));
    List<ProbeListing> without = ProbeListing.of(catalog, host(List.of()));

    assertThat(with).extracting(ProbeListing::id).containsExactly("link", "route");
    assertThat(with).allSatisfy(p -> {
      assertThat(p.available()).isTrue();
      assertThat(p.unavailable()).isEmpty();
      assertThat(p.params()).containsExactly("netns", "to");
      assertThat(p.facts()).containsExactly("RouteLookup");
    });
    assertThat(without).allSatisfy(p -> {
      assertThat(p.available()).isFalse();
      assertThat(p.unavailable()).contains("apt-get install iproute2");
    });
  }

  @Test
  void writesTheFieldsTheBenchReads() throws Exception {
    String json = JsonMapper.builder().build().writeValueAsString(ProbeListing.of(new ProbeCatalog(List.of(needsIp("route"))), host(List.of())));
    var node = JsonMapper.builder().build().readTree(json).get(0);
    assertThat(node.get("id").asText()).isEqualTo("route");
    assertThat(node.get("available").asBoolean()).isFalse();
    assertThat(node.get("unavailable").asText()).contains("iproute2");
  }
}
