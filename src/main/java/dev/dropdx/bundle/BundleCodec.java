package dev.dropdx.bundle;

import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.diagnosis.ExplainedDiagnosis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
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

  public BundleCodec(JsonMapper json) {
    this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
  }

  /** The bundle of a finished diagnosis. */
  public EvidenceBundle of(DiagnosisReport report) {
    return new EvidenceBundle(EvidenceBundle.CURRENT_VERSION, Instant.now().toString(), hostname(), report.target(),
        report.host(), report.evidence(), report.trail(), report.verdict().id(),
        report.diagnoses().stream().map(ExplainedDiagnosis::cause).toList());
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
    try {
      if (!Files.isRegularFile(file)) {
        throw new BundleException(file + ": no such bundle file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new BundleException(file + ": larger than " + MAX_BYTES / (1024 * 1024) + " MiB, not a dropdx bundle");
      }
      try (InputStream in = Files.newInputStream(file)) {
        return parse(in.readAllBytes(), file.toString());
      }
    } catch (IOException e) {
      throw new BundleException(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Parses bundle bytes; {@code name} labels error messages. */
  public EvidenceBundle parse(byte[] bytes, String name) {
    JsonNode root;
    try {
      root = json.readTree(bytes);
    } catch (JacksonException e) {
      throw new BundleException(name + ": not valid JSON (" + firstLine(e.getOriginalMessage()) + "); truncated or not a bundle");
    }
    if (root == null || !root.isObject()) {
      throw new BundleException(name + ": not a dropdx bundle (expected a JSON object)");
    }
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
    return bundle;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    String line = s.lines().findFirst().orElse(s);
    return line.length() > 160 ? line.substring(0, 160) + "..." : line;
  }

  private static String hostname() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
