package dev.dropdx.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.fact.Counter;
import dev.dropdx.fact.MulticastGroups;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.SysctlValue;
import dev.dropdx.fact.VxlanLink;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.RawCommand;
import dev.dropdx.probe.iproute.RouteProbe;
import dev.dropdx.probe.iproute.VxlanLinkProbe;
import dev.dropdx.probe.procfs.CountersProbe;
import dev.dropdx.probe.procfs.IgmpProbe;
import dev.dropdx.probe.procfs.SysctlProbe;
import dev.dropdx.probe.sockets.SocketsProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each probe's {@link Probe#answerFrom}: a broader recording answers the narrower request, a near miss does not. */
class ReplayFromBroaderTest {
  private static final ProbeContext CONTEXT = new ProbeContext(null, null, 3, line -> { });

  private static ProbeRequest request(String probe, String... params) {
    return ProbeRequest.of(probe, 50, "test", "why", params);
  }

  private static String recorded(String stdout) {
    return RawCommand.encode(new CommandResult(List.of("test"), 0, stdout, "", false));
  }

  // --- sysctl: a dump of net.ipv4.conf answers any conf key

  private final SysctlProbe sysctl = new SysctlProbe(null);
  private final Map<String, String> dump = Map.of("netns", "lab", "prefixes", "net.ipv4.conf", "keys", "net.core.rmem_max");
  private final String dumpRaw = "net.ipv4.conf.all.rp_filter = 0\nnet.ipv4.conf.eth0.rp_filter = 1\n"
      + "net.ipv4.conf.eth0.accept_local = 0\nnet.core.rmem_max = 212992\n";

  @Test
  void aConfDumpAnswersOneInterfacesRpFilterWithOnlyTheKeysAsked() {
    ProbeRequest wanted = request("sysctl", "netns", "lab", "keys", "net.ipv4.conf.all.rp_filter net.ipv4.conf.eth0.rp_filter");
    String answer = sysctl.answerFrom(dump, dumpRaw, wanted).orElseThrow();
    assertThat(sysctl.interpret(wanted, answer, CONTEXT).facts()).containsExactly(
        new SysctlValue("lab", "net.ipv4.conf.all.rp_filter", "0"), new SysctlValue("lab", "net.ipv4.conf.eth0.rp_filter", "1"));
  }

  @Test
  void aKeyBelowTheDumpedPrefixThatWasNotThereDoesNotExistThere() {
    ProbeRequest wanted = request("sysctl", "netns", "lab", "keys", "net.ipv4.conf.eth9.rp_filter net.core.rmem_max");
    var outcome = sysctl.interpret(wanted, sysctl.answerFrom(dump, dumpRaw, wanted).orElseThrow(), CONTEXT);
    assertThat(outcome.facts()).containsExactly(new SysctlValue("lab", "net.core.rmem_max", "212992"));
    assertThat(outcome.notes()).singleElement().asString().contains("net.ipv4.conf.eth9.rp_filter").contains("not present");
  }

  @Test
  void aKeyOutsideTheDumpOrAnotherNamespaceIsNotAnswered() {
    assertThat(sysctl.answerFrom(dump, dumpRaw, request("sysctl", "netns", "lab", "keys", "net.ipv4.ip_forward"))).isEmpty();
    assertThat(sysctl.answerFrom(dump, dumpRaw, request("sysctl", "netns", "other", "keys", "net.ipv4.conf.eth0.rp_filter"))).isEmpty();
    // "net.ipv4.confx" is not below "net.ipv4.conf"
    assertThat(sysctl.answerFrom(dump, dumpRaw, request("sysctl", "netns", "lab", "keys", "net.ipv4.confx.a"))).isEmpty();
  }

  // --- counters: all counters, same namespace and interval

  private final CountersProbe counters = new CountersProbe(null);
  private final String countersRaw = recorded("Udp: InDatagrams NoPorts\nUdp: 10 3\n") + "\n--- second reading ---\n"
      + recorded("Udp: InDatagrams NoPorts\nUdp: 12 7\n");

  @Test
  void allCountersAnswerOneCounterOfTheSameNamespaceAndInterval() {
    ProbeRequest wanted = request("counters", "netns", "lab", "names", "UdpNoPorts");
    String answer = counters.answerFrom(Map.of("netns", "lab", "seconds", "1"), countersRaw, wanted).orElseThrow();
    assertThat(counters.interpret(wanted, answer, CONTEXT).facts()).containsExactly(new Counter("lab", "UdpNoPorts", 7, 4, 1));
  }

  @Test
  void countersReadOverALongerIntervalAnswerAShorterOneAndSayTheirOwn() {
    // A bundle recorded when the rules asked 1 s, replayed by rules that ask 0.5 s.
    ProbeRequest wanted = request("counters", "netns", "lab", "names", "UdpNoPorts", "seconds", "0.5");
    String answer = counters.answerFrom(Map.of("netns", "lab", "seconds", "1"), countersRaw, wanted).orElseThrow();
    assertThat(counters.interpret(wanted, answer, CONTEXT).facts()).containsExactly(new Counter("lab", "UdpNoPorts", 7, 4, 1));
    String fromDefault = counters.answerFrom(Map.of("netns", "lab"), countersRaw, wanted).orElseThrow();
    assertThat(counters.interpret(wanted, fromDefault, CONTEXT).facts()).containsExactly(new Counter("lab", "UdpNoPorts", 7, 4, 1));
  }

  @Test
  void countersOfAShorterIntervalOrASmallerSetDoNotAnswer() {
    ProbeRequest wanted = request("counters", "netns", "lab", "names", "UdpNoPorts");
    assertThat(counters.answerFrom(Map.of("netns", "lab", "seconds", "0.5"), countersRaw, wanted)).isEmpty();
    assertThat(counters.answerFrom(Map.of("netns", "lab", "seconds", "0.5"), countersRaw,
        request("counters", "netns", "lab", "names", "UdpNoPorts", "seconds", "1"))).isEmpty();
    assertThat(counters.answerFrom(Map.of("netns", "lab", "names", "UdpInErrors"), countersRaw, wanted)).isEmpty();
    assertThat(counters.answerFrom(Map.of("netns", "", "seconds", "1"), countersRaw, wanted)).isEmpty();
  }

  // --- sockets and igmp: the whole namespace answers any port or interface

  @Test
  void aNamespacesSocketsAnswerAnyPortButNotAnotherNamespace() {
    SocketsProbe sockets = new SocketsProbe(null);
    String raw = recorded("");
    assertThat(sockets.answerFrom(Map.of("netns", "lab"), raw, request("sockets", "netns", "lab", "port", "5061"))).contains(raw);
    assertThat(sockets.answerFrom(Map.of("netns", "lab"), raw, request("sockets", "netns", "web", "port", "5061"))).isEmpty();
  }

  @Test
  void aNamespacesMulticastGroupsAnswerForOneInterface() {
    IgmpProbe igmp = new IgmpProbe(null);
    String raw = recorded("Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
        + "1\tlo        :     1      V3\n\t\t\t\t010000E0     1 0:00000000\t\t0\n");
    ProbeRequest wanted = request("igmp", "netns", "lab", "iface", "mc-rx0");
    String answer = igmp.answerFrom(Map.of("netns", "lab"), raw, wanted).orElseThrow();
    assertThat(igmp.interpret(wanted, answer, CONTEXT).facts()).filteredOn(f -> ((MulticastGroups) f).iface().equals("mc-rx0"))
        .singleElement().satisfies(g -> assertThat(((MulticastGroups) g).groups()).isEmpty());
    assertThat(igmp.answerFrom(Map.of("netns", ""), raw, wanted)).isEmpty();
  }

  // --- vxlan-link: every link answers for one device

  @Test
  void allLinksAnswerForOneDeviceAndSayWhenItDoesNotExist() {
    VxlanLinkProbe links = new VxlanLinkProbe(null);
    String raw = recorded("1: lo: <LOOPBACK,UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 \n"
        + "5: vx0: <BROADCAST,MULTICAST,UP> mtu 1450 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/ether 6a:1b:2c:3d:4e:5f brd ff:ff:ff:ff:ff:ff promiscuity 0 \\    vxlan id 42 remote 198.19.0.9 local 198.18.0.1 dev eth0 srcport 0 0 dstport 4789 \n");
    ProbeRequest wanted = request("vxlan-link", "netns", "lab", "iface", "vx0");
    String answer = links.answerFrom(Map.of("netns", "lab"), raw, wanted).orElseThrow();
    assertThat(links.interpret(wanted, answer, CONTEXT).facts()).singleElement()
        .isEqualTo(new VxlanLink("lab", "vx0", "vxlan", 42, "198.19.0.9", null, "198.18.0.1", 4789, "eth0"));
    ProbeRequest absent = request("vxlan-link", "netns", "lab", "iface", "vx9");
    assertThat(((VxlanLink) links.interpret(absent, links.answerFrom(Map.of("netns", "lab"), raw, absent).orElseThrow(), CONTEXT)
        .facts().get(0)).kind()).isEqualTo("missing");
    // one device's recording does not answer for another
    assertThat(links.answerFrom(Map.of("netns", "lab", "iface", "vx0"), raw, absent)).isEmpty();
  }

  // --- route (the default): only the same lookup answers

  @Test
  void aRouteLookupIsAnsweredOnlyByTheSameAddresses() {
    RouteProbe route = new RouteProbe(null);
    Map<String, String> recordedInput = Map.of("netns", "lab", "to", "198.18.0.2", "from", "198.18.1.1", "iif", "eth0");
    assertThat(route.answerFrom(recordedInput, "raw", request("route", "netns", "lab", "to", "198.18.0.2", "from", "198.18.1.1", "iif", "eth0")))
        .contains("raw");
    assertThat(route.answerFrom(recordedInput, "raw", request("route", "netns", "lab", "to", "198.18.0.2"))).isEmpty();
    assertThat(route.answerFrom(recordedInput, "raw", request("route", "netns", "lab", "to", "198.18.0.2", "from", "198.18.1.1", "iif", "eth1")))
        .isEmpty();
  }
}
