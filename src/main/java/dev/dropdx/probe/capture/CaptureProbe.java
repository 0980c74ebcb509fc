package dev.dropdx.probe.capture;

import dev.dropdx.probe.ProbeInfo;
import dev.dropdx.fact.GreHeader;
import dev.dropdx.fact.HostFacts;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.probe.Availability;
import dev.dropdx.probe.Probe;
import dev.dropdx.probe.ProbeContext;
import dev.dropdx.probe.ProbeOutcome;
import dev.dropdx.probe.RecordedSections;
import dev.dropdx.probe.capture.PcapReader.Capture;
import dev.dropdx.probe.capture.PcapReader.PcapFormatException;
import dev.dropdx.probe.exec.ChildProcesses;
import dev.dropdx.probe.exec.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Captures the target's packets with tcpdump inside their namespace and decodes the headers the
 * rules asked about. Parameters: {@code netns}, {@code iface} (default "any"), {@code filter} (a
 * pcap filter such as "ip proto 47 and src host 198.18.40.1", run as {@link CaptureFilter} makes it
 * follow the packets' IP family: ip6 and icmp6 for IPv6), {@code count} (the most packets
 * to take, default 5). It stops as soon as it has what the rules need ({@link CaptureStop}: the
 * count, or a short grace after the first packet) and waits at most the watch window plus two
 * seconds when nothing comes. The pcap file lives in a
 * private temporary directory and is removed afterwards; its bytes (up to 256 KiB) go into the raw
 * output in base64, so a bundle replays the capture.
 */
@Component
public class CaptureProbe implements Probe {
  /** What a filter may contain: words, numbers, addresses, parentheses. Rules build it; still checked. */
  private static final Pattern SAFE_FILTER = Pattern.compile("[A-Za-z0-9 .:/()]{1,200}");
  private static final Pattern SAFE_IFACE = Pattern.compile("[A-Za-z0-9_.@:-]{1,15}");
  private static final String DECODED = "decoded";
  private static final String PCAP = "pcap base64";
  /** A few GRE headers need a few hundred bytes; the cap keeps a runaway capture out of the bundle. */
  static final int MAX_PCAP = 256 * 1024;

  /** How often the growing capture file is looked at. */
  private static final long POLL_MILLIS = 20;

  private final CommandRunner runner;
  private final ChildProcesses children;

  public CaptureProbe(CommandRunner runner, ChildProcesses children) {
    this.runner = runner;
    this.children = children;
  }

  @Override
  public String id() {
    return "capture";
  }

  @Override
  public ProbeInfo info() {
    return new ProbeInfo("the target's packets captured and their headers decoded",
        List.of(ProbeInfo.netns(), ProbeInfo.param("iface", "interface (default any)", "veth0"), ProbeInfo.param("filter", "pcap filter", "ip proto 47 and src host 198.18.40.1"), ProbeInfo.param("count", "packets to wait for (default 5)", "5")),
        List.of("GreHeader"),
        List.of("tcpdump"));
  }

  @Override
  public Availability availability(HostFacts host) {
    if (!host.root()) {
      return Availability.no("capturing packets needs root: run dropdx with sudo");
    }
    return host.hasTool("tcpdump") ? Availability.yes() : Availability.no("tcpdump is not installed: apt-get install tcpdump");
  }

  @Override
  public ProbeOutcome run(ProbeRequest request, ProbeContext context) {
    String netns = request.params().getOrDefault("netns", "");
    String iface = request.params().getOrDefault("iface", "any");
    String filter = request.params().getOrDefault("filter", "ip");
    int count = Integer.parseInt(request.params().getOrDefault("count", "5"));
    if (!SAFE_IFACE.matcher(iface).matches() || !SAFE_FILTER.matcher(filter).matches()) {
      return new ProbeOutcome("capture", "refused: unexpected characters in iface or filter", List.of(),
          List.of("capture refused the interface '" + iface + "' or filter '" + filter + "'"), "");
    }
    int seconds = context.windowSeconds() + 2;
    // The rules write IPv4 filters; tcpdump gets one that follows the packets' family (ip6, icmp6).
    filter = CaptureFilter.of(filter, family(context)).text();
    Path dir = null;
    try {
      // A private directory (mode 700): nobody else can swap the file under tcpdump.
      dir = Files.createTempDirectory("dropdx-capture-");
      Path file = dir.resolve("capture.pcap");
      // -Z root: tcpdump would otherwise drop to its own user before opening the file in our root-only directory.
      // -U: write each packet at once, so a capture stopped early still has what it saw.
      // --immediate-mode: hand each packet over as it arrives (libpcap otherwise holds them up to
      // 1 s in its ring), so the first packet is seen at once.
      List<String> cmd = List.of("tcpdump", "-Z", "root", "-n", "-U", "--immediate-mode", "-i", iface, "-c", Integer.toString(count),
          "-w", file.toString(), filter);
      context.progress().accept("capturing up to " + count + " packet(s) on " + iface + " for at most " + seconds + " s: " + filter);
      Capturing r = capture(netns, cmd, file, new CaptureStop(count, CaptureStop.GRACE_MILLIS, seconds * 1000L));
      String raw = "$ " + String.join(" ", CommandRunner.inNetns(netns, cmd)) + "\n" + r.stderr() + r.stopped() + "\n";
      if (!Files.exists(file)) {
        return new ProbeOutcome("tcpdump", "capture failed: " + r.firstError(), List.of(),
            List.of("tcpdump wrote no capture on " + iface + ": " + r.firstError()), raw);
      }
      byte[] pcap = Files.readAllBytes(file);
      return decode(netns, iface, CaptureFilter.of(filter, family(context)), seconds,
          pcap.length > MAX_PCAP ? Arrays.copyOf(pcap, MAX_PCAP) : pcap, raw);
    } catch (IOException e) {
      return new ProbeOutcome("tcpdump", "capture failed: " + e.getMessage(), List.of(), List.of("capture failed: " + e.getMessage()), "");
    } finally {
      removeQuietly(dir);
    }
  }

  /** What a capture run left: tcpdump's stderr and how it ended, in words. */
  private record Capturing(String stderr, String stopped) {
    String firstError() {
      return stderr.lines().filter(l -> !l.isBlank() && !l.startsWith("tcpdump: listening") && !l.contains("packets "))
          .findFirst().orElse(stopped);
    }
  }

  /**
   * Runs tcpdump (writing each packet at once, -U) and looks at its file as it grows; stops it
   * (SIGTERM: it closes the file) as soon as {@code stop} says the capture has what it needs.
   */
  private Capturing capture(String netns, List<String> cmd, Path file, CaptureStop stop) throws IOException {
    Process p;
    try {
      p = runner.start(CommandRunner.inNetns(netns, cmd));
    } catch (UncheckedIOException e) {
      return new Capturing(e.getMessage() + "\n", "(tcpdump could not start)");
    }
    CompletableFuture<String> err = CommandRunner.drain(p.getErrorStream());
    CommandRunner.drain(p.getInputStream());
    long started = System.nanoTime();
    long first = -1;
    String stopped;
    try {
      while (true) {
        long now = System.nanoTime();
        int records = Files.exists(file) ? records(file) : 0;
        if (records > 0 && first < 0) {
          first = now;
        }
        long since = TimeUnit.NANOSECONDS.toMillis(now - started);
        if (!p.isAlive()) {
          stopped = "(tcpdump ended after " + since + " ms with " + records + " packet(s))";
          break;
        }
        if (stop.done(records, since, first < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(now - first))) {
          stopped = "(stopped after " + since + " ms with " + records + " packet(s)"
              + (records == 0 ? ": none came in " + stop.limitMillis() / 1000 + " s)" : ")");
          break;
        }
        p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = "(interrupted)";
    } finally {
      children.stop(p);
    }
    return new Capturing(err.join(), stopped);
  }

  /** Complete packets in a capture file being written (0 while its header is incomplete). */
  private static int records(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return bytes.length == 0 ? 0 : PcapReader.read(bytes).records();
    } catch (PcapFormatException e) {
      return 0;
    }
  }

  /** Decodes the capture file a recording holds (base64 after its command and stderr). */
  @Override
  public ProbeOutcome interpret(ProbeRequest request, String raw, ProbeContext context) {
    RecordedSections recorded = RecordedSections.read(raw, DECODED, PCAP);
    if (!recorded.has(PCAP)) {
      return new ProbeOutcome("tcpdump", "no capture recorded", List.of(),
          List.of("the recording holds no capture file (tcpdump failed, or an older dropdx recorded only its summary)"), raw);
    }
    String head = recorded.head();
    byte[] pcap;
    try {
      pcap = Base64.getMimeDecoder().decode(recorded.section(PCAP).strip());
    } catch (IllegalArgumentException e) {
      return new ProbeOutcome("tcpdump", "recorded capture unreadable", List.of(), List.of("recorded capture is not base64: " + e.getMessage()), raw);
    }
    return decode(request.params().getOrDefault("netns", ""), request.params().getOrDefault("iface", "any"),
        CaptureFilter.of(request.params().getOrDefault("filter", "ip"), family(context)), context.windowSeconds() + 2, pcap, head);
  }

  /**
   * A capture of the same namespace answers a narrower one: on "any" or the same interface, with the
   * same filter or one that only adds conditions ("ip proto 47" answers "ip proto 47 and src host X";
   * the rules match the decoded headers' addresses themselves).
   */
  @Override
  public Optional<String> answerFrom(Map<String, String> recordedParams, String recordedRaw, ProbeRequest wanted) {
    String iface = recordedParams.getOrDefault("iface", "any");
    String filter = recordedParams.getOrDefault("filter", "ip");
    String wantedFilter = wanted.params().getOrDefault("filter", "ip");
    boolean fits = Probe.same(recordedParams, wanted, "netns")
        && (iface.equals("any") || iface.equals(wanted.params().getOrDefault("iface", "any")))
        && (wantedFilter.equals(filter) || wantedFilter.startsWith(filter + " and "));
    return fits ? Optional.of(recordedRaw) : Optional.empty();
  }

  /** The family of the packets asked about: the target's (0 when it has none, or in a context without one). */
  private static int family(ProbeContext context) {
    return context.target() == null ? 0 : context.target().family();
  }

  /** Decodes a capture file into facts; separate from running tcpdump so it is tested on recordings. */
  static ProbeOutcome decode(String netns, String iface, CaptureFilter filter, int seconds, byte[] pcap, String raw) {
    List<String> notes = new ArrayList<>(filter.notes());
    Capture capture;
    try {
      capture = PcapReader.read(pcap);
    } catch (PcapFormatException e) {
      if (pcap.length == 0) {
        capture = new Capture(0, 0, List.of(), false);
      } else {
        return new ProbeOutcome("tcpdump", "capture unreadable: " + e.getMessage(), List.of(), List.of(e.getMessage()), raw);
      }
    }
    List<GreHeader> gre = GreHeaders.decode(netns, iface, capture.packets());
    StringBuilder decoded = new StringBuilder("link type ").append(capture.linkType()).append(", ")
        .append(capture.records()).append(" record(s)\n");
    for (PcapReader.IpPacket p : capture.packets()) {
      decoded.append(p.src()).append(" > ").append(p.dst()).append(" proto ").append(p.protocol()).append(" payload ")
          .append(hex(p.payload(), 16)).append('\n');
    }
    if (capture.truncated()) {
      notes.add("the capture file ended inside a packet (tcpdump was stopped while writing); the rest was read");
    }
    if (capture.records() == 0) {
      notes.add("no packet matching '" + filter.text() + "' was seen on " + iface + " in " + seconds
          + " s: the sender may have stopped, or the packets arrive on another interface");
    }
    String rawOut = RecordedSections.writer().text(raw).section(DECODED, decoded.toString())
        .section(PCAP, Base64.getMimeEncoder().encodeToString(pcap) + "\n").toString();
    String summary = capture.records() + " packet(s) captured on " + iface
        + (gre.isEmpty() ? "" : "; GRE: " + gre.stream().map(h -> h.src() + " -> " + h.dst() + " version " + h.version()
            + " flags " + h.flagLetters() + " type " + h.protocolTypeHex() + " x" + h.count()).reduce((a, b) -> a + ", " + b).orElse(""));
    return new ProbeOutcome("tcpdump", summary, new ArrayList<>(gre), notes, rawOut);
  }

  private static String hex(byte[] bytes, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, max); i++) {
      sb.append(String.format("%02x", bytes[i] & 0xFF));
    }
    return sb.toString();
  }

  private static void removeQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // Nothing sensitive is left: a root-only directory holding a few captured headers.
    }
  }
}
