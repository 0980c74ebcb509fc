package dev.dropdx.knowledge;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {name}} placeholder syntax, and the globals every diagnosis has. */
public final class Templates {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

  /** Placeholders every diagnosis fills without a rule binding them: the target's namespace. */
  public static final Set<String> GLOBALS = Set.of("netns", "ipNetns", "nsExec");

  private Templates() {}

  /**
   * The globals for a target namespace ("" for the namespace dropdx runs in; {@code pid:N} for an
   * unnamed one, entered with nsenter through process N, since `ip -n` takes only names).
   */
  public static Map<String, String> globals(String netns) {
    if (netns.matches("pid:[1-9][0-9]{0,9}")) {
      String enter = "nsenter --net=/proc/" + netns.substring(4) + "/ns/net ";
      return Map.of("netns", netns, "ipNetns", enter + "ip", "nsExec", enter);
    }
    return Map.of(
        "netns", netns,
        "ipNetns", netns.isEmpty() ? "ip" : "ip -n " + netns,
        "nsExec", netns.isEmpty() ? "" : "ip netns exec " + netns + " ");
  }

  /** The placeholder names a template uses, in order of first use. */
  public static Set<String> placeholders(String template) {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(template == null ? "" : template);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Fills {@code {name}} placeholders; an unknown name stays visible as {name} rather than vanishing. */
  public static String fill(String template, Map<String, String> values) {
    return fill(template, name -> values.get(name));
  }

  /** Fills placeholders from a resolver; a null answer leaves the placeholder as it is. */
  static String fill(String template, java.util.function.Function<String, String> resolve) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = resolve.apply(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
