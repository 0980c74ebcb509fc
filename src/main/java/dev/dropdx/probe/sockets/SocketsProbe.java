package dev.dropdx.probe.sockets;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.fact.SocketInfo;
import dev.dropdx.fact.SocketScan;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.exec.CommandResult;
import dev.dropdx.probe.exec.CommandRunner;
import dev.dropdx.probe.exec.RawCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Lists the UDP and TCP sockets of a namespace with `ss -H -a -n -p -m -u -t`: address, port,
 * owning process and receive-buffer memory (skmem rb, r, d). Parameters: {@code netns}; optional
 * {@code port} only narrows the trail's summary, every socket becomes a fact (rules need to see
 * other protocols and addresses on the same port).
 */
@Component
public class SocketsProbe implements Probe {
  private final CommandRunner runner;

  public SocketsProbe(CommandRunner runner) {
    this.runner = runner;
  }

  @Override
  public String id() {
    return "sockets";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the UDP and TCP sockets of a namespace: address, port, owning process, receive-buffer memory",
        List.of(ProbeInfo.netns(), ProbeInfo.param("port", "optional: only narrows the trail summary; every socket becomes a fact", "5000")),
        List.of("SocketInfo", "SocketScan"),
        List.of("ss -H -a -n -p -m -u -t"));
  }

  @Override
  public Availability availability(HostFacts host) {
    // ss ships with iproute2, as ip does
    return host.hasTool("ip") ? Availability.yes() : Availability.no("ss is not installed: apt-get install iproute2");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    CommandResult r = runner.runIn(netns, List.of("ss", "-H", "-a", "-n", "-p", "-m", "-u", "-t"), Duration.ofSeconds(10));
    return interpret(request, RawCommand.encode(r), context);
  }

  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    CommandResult r = RawCommand.decode(raw);
    if (!r.ok()) {
      return new ProbeOutcome("iproute2", "ss failed: " + r.firstError(), List.of(), List.of("ss failed: " + r.firstError()), raw);
    }
    List<SocketInfo> sockets = SsOutputParser.parse(netns, r.stdout());
    List<Object> facts = new ArrayList<>(sockets);
    facts.add(new SocketScan(netns, sockets.size()));
    String port = request.param("port");
    String summary = sockets.size() + " UDP/TCP socket(s)";
    if (port != null) {
      List<String> onPort = sockets.stream().filter(s -> Integer.toString(s.localPort()).equals(port)).map(SocketInfo::describe).toList();
      summary += onPort.isEmpty() ? "; none on port " + port : "; on port " + port + ": " + String.join("; ", onPort);
    }
    return new ProbeOutcome("iproute2", summary, facts, List.of(), raw);
  }

  /** Every socket of the namespace is recorded whatever the port, so any port is answered. */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    return Probe.same(recordedParams, wanted, "netns") ? Optional.of(recordedRaw) : Optional.empty();
  }
}
