package dev.dropdx.fact;

/**
 * A sysctl read inside a network namespace.
 *
 * @param netns namespace name ("" for dropdx's own), e.g. dropdx-lab-r
 * @param key dotted key, e.g. net.ipv4.conf.all.rp_filter
 * @param value the value as the kernel prints it, e.g. 1
 */
public record SysctlValue(String netns, String key, String value) implements Evidence {

  /** The value as an integer, or -1 when it is not a number. */
  public int intValue() {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String describe() {
    return key + " = " + value + (netns.isEmpty() ? "" : " (netns " + netns + ")");
  }
}
