package dev.dropdx.evidence;

import dev.dropdx.evidence.RecordedProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes bundles atomically and reads them defensively: every failure is a one-line {@link BundleException}. */
@Component
public class BundleCodec {
  /** Larger than any real bundle (trace output is capped at 256 KiB per watch); stops memory exhaustion. */
  static final long MAX_BYTES = 64L * 1024 * 1024;

  private final JsonMapper json;
  private final String hostname;

  /**
   * A codec that names bundles after {@code hostname} (dropdx.hostname, e.g. an Ansible inventory name: hosts
   * that share a UTS namespace, or whose inventory name differs, stay apart in a fleet report); blank = the kernel's.
   */
  public BundleCodec(JsonMapper json, @Value("${dropdx.hostname:}") String hostname) {
    this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
    this.hostname = hostname == null || hostname.isBlank() ? kernelHostname() : hostname.strip();
  }

  /** The bundle of a finished diagnosis or a `collect`, stamped with the time and this host's name. */
  public EvidenceBundle of(EvidenceRecord recorded) {
    return new EvidenceBundle(EvidenceBundle.CURRENT_VERSION, Instant.now().toString(), hostname, recorded.target(),
        recorded.host(), recorded.probes(), recorded.trail(), recorded.verdict(), recorded.causes());
  }

  /** Writes through a temporary file and a rename, so a crash never leaves half a bundle. */
  public void write(EvidenceBundle bundle, Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".dropdx-bundle-", ".tmp");
      try {
        Files.writeString(tmp, json.writeValueAsString(bundle));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new BundleException("cannot write bundle " + file + ": " + e.getMessage());
    }
  }

  /** Reads and checks a bundle file. */
  public EvidenceBundle read(Path file) {
    return parse(bytes(file, "bundle"), file.toString());
  }

  /** Reads and checks a host status file (HOST.status.json, written by a fleet run for a host without a bundle). */
  public HostStatus readStatus(Path file) {
    String name = file.toString();
    JsonNode root = tree(bytes(file, "host status"), name);
    JsonNode version = root.get("dropdx-host-status");
    if (version == null || !version.isIntegralNumber() || version.asInt() != 1) {
      throw new BundleException(name + ": not a dropdx host status (expected \"dropdx-host-status\": 1)");
    }
    HostStatus status;
    try {
      status = json.treeToValue(root, HostStatus.class);
    } catch (JacksonException | IllegalArgumentException e) {
      throw new BundleException(name + ": malformed host status (" + firstLine(e.getMessage()) + ")");
    }
    if (status.host() == null || status.host().isBlank()) {
      throw new BundleException(name + ": malformed host status (no \"host\")");
    }
    if (!HostStatus.STATUSES.contains(status.status())) {
      throw new BundleException(name + ": malformed host status (status \"" + status.status() + "\" is not one of "
          + String.join(", ", HostStatus.STATUSES) + ")");
    }
    return status;
  }

  private static byte[] bytes(Path file, String what) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new BundleException(file + ": no such " + what + " file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new BundleException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB, not a dropdx " + what);
      }
      try (InputStream in = Files.newInputStream(file)) {
        return in.readAllBytes();
      }
    } catch (IOException e) {
      throw new BundleException(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Parses bundle bytes; {@code name} labels error messages. */
  public EvidenceBundle parse(byte[] bytes, String name) {
    JsonNode root = tree(bytes, name);
    JsonNode version = root.get("dropdx-bundle");
    if (version == null || !version.isIntegralNumber()) {
      throw new BundleException(name + ": not a dropdx bundle (no \"dropdx-bundle\" version field)");
    }
    // Compared as a BigInteger: a version beyond int range must not fail the conversion.
    java.math.BigInteger v = version.bigIntegerValue();
    String shown = v.bitLength() > 64 ? "(a " + v.toString().length() + "-digit number)" : v.toString();
    if (v.compareTo(java.math.BigInteger.valueOf(EvidenceBundle.CURRENT_VERSION)) > 0) {
      throw new BundleException(name + ": bundle version " + shown + " was written by a newer dropdx; this one reads version "
          + EvidenceBundle.CURRENT_VERSION + " (upgrade dropdx)");
    }
    if (v.signum() < 1) {
      throw new BundleException(name + ": bundle version " + shown + " is not a valid version");
    }
    EvidenceBundle bundle;
    try {
      bundle = json.treeToValue(root, EvidenceBundle.class);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new BundleException(name + ": malformed bundle (" + firstLine(e.getMessage()) + ")");
    }
    if (bundle.target() == null || bundle.host() == null) {
      throw new BundleException(name + ": malformed bundle (target and host are required)");
    }
    for (int i = 0; i < bundle.probes().size(); i++) {
      RecordedProbe p = bundle.probes().get(i);
      // Replay looks recordings up by probe name; an entry without one can answer nothing.
      if (p == null || p.probe() == null || p.probe().isBlank()) {
        throw new BundleException(name + ": malformed bundle (probes[" + i + "] has no \"probe\" name)");
      }
      if (p.params().values().stream().anyMatch(java.util.Objects::isNull)) {
        throw new BundleException(name + ": malformed bundle (probes[" + i + "] has a parameter without a value)");
      }
    }
    return bundle;
  }

  private JsonNode tree(byte[] bytes, String name) {
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (JacksonException e) {
      throw new BundleException(name + ": not valid JSON (" + firstLine(e.getOriginalMessage()) + "); truncated or not a bundle");
    }
    if (root == null || !root.isObject()) {
      throw new BundleException(name + ": not a dropdx bundle (expected a JSON object)");
    }
    return root;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String line = s.lines().findFirst().orElse(s);
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  private static String kernelHostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
