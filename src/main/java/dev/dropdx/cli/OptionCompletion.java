package dev.dropdx.cli;

import java.util.List;
import java.util.Locale;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.springframework.shell.core.command.completion.DefaultCompletionProvider;
import org.springframework.stereotype.Component;

/**
 * Tab completion of option values (Spring Shell completes only option names): --proto, --format,
 * --netns (this host's namespaces) and --iface (the interfaces of the namespace --netns names on
 * the same line, else dropdx's own). Commands name it in `@Command(completionProvider = ...)`.
 */
@Component(OptionCompletion.BEAN)
public class OptionCompletion implements CompletionProvider {
  /** The bean name commands give as their completion provider. */
  public static final String BEAN = "optionCompletion";
  static final List<String> PROTOCOLS = List.of("udp", "tcp", "icmp", "icmp6", "ospf", "gre", "vxlan", "igmp");
  static final List<String> REPORT_FORMATS = List.of("text", "json", "markdown");
  static final List<String> BATCH_FORMATS = List.of("json", "jsonl", "markdown");

  private final NetworkNames names;
  private final CompletionProvider fallback = new DefaultCompletionProvider();

  public OptionCompletion(NetworkNames names) {
    this.names = names;
  }

  @Override
  public List<CompletionProposal> apply(CompletionContext ctx) {
    String option = option(ctx);
    String command = ctx.getCommand() == null ? "" : ctx.getCommand().getName();
    List<String> values = switch (option) {
      case "proto" -> PROTOCOLS;
      case "format" -> "batch".equals(command) ? BATCH_FORMATS : REPORT_FORMATS;
      case "netns" -> names.namespaces();
      case "iface" -> names.interfaces(netnsOnLine(ctx.getWords()));
      default -> null;
    };
    // Other options keep Spring Shell's own completion (e.g. file names).
    return values == null ? fallback.apply(ctx) : values.stream().map(CompletionProposal::new).toList();
  }

  /** The option whose value is being typed: Spring Shell's, else the word before the cursor's. */
  private static String option(CompletionContext ctx) {
    CommandOption o = ctx.getCommandOption();
    if (o != null && o.longName() != null) {
      return o.longName().toLowerCase(Locale.ROOT);
    }
    List<String> words = ctx.getWords();
    int i = ctx.getWordIndex() - 1;
    return i >= 0 && i < words.size() && words.get(i).startsWith("--") ? words.get(i).substring(2).toLowerCase(Locale.ROOT) : "";
  }

  /** The namespace --netns gives on this line ("" = dropdx's own). */
  static String netnsOnLine(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("--netns=")) {
        return w.substring("--netns=".length());
      }
      if (w.equals("--netns") && i + 1 < words.size()) {
        return words.get(i + 1);
      }
    }
    return "";
  }
}
