package dev.dropdx.support;

import dev.dropdx.probe.exec.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides whether a {@link LabTest} can run here; under CI a lab test that cannot run fails. */
public class LabCondition implements ExecutionCondition {
  private static final List<String> TOOLS = List.of("bpftrace", "tcpdump", "nft", "iptables", "ping", "python3");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String missing = missing();
    if (missing == null) {
      return ConditionEvaluationResult.enabled("root, tracefs and the lab tools are here");
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("lab test cannot run under CI: " + missing + " (CI must run lab tests as root)");
    }
    return ConditionEvaluationResult.disabled("lab test skipped: " + missing);
  }

  private static String missing() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return "not running as root";
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip")) && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
      return "iproute2 (ip) is not installed";
    }
    if (!Files.isDirectory(Path.of("/sys/kernel/tracing"))) {
      return "no /sys/kernel/tracing (tracefs) on this kernel";
    }
    // Without these the scenarios still run but diagnose less (unfiltered drops, no capture, no
    // traffic), so a lab test would fail for a reason that has nothing to do with the code.
    for (String tool : TOOLS) {
      if (CommandRunner.missing(tool) != null) {
        return tool + " is not installed (apt-get install -y bpftrace tcpdump nftables iptables iputils-ping python3, as .ci/run does)";
      }
    }
    return null;
  }
}
