package dev.dropdx.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a DRL file's text says without compiling it: its package, its functions (with the literal
 * keys they {@code put} and the functions they call), and per rule the causes it concludes
 * ({@code Diagnosis.of("cause", rank, name, BINDINGS(...), ...)}) and the probes it asks for
 * ({@code ProbeRequest.of("probe", ...)}), each with its line. Comments are ignored.
 */
final class DrlOutline {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][A-Za-z0-9_.]*)");
  private static final Pattern FUNCTION = Pattern.compile("(?m)^\\s*function\\s+[\\w.<>\\[\\]]+\\s+(\\w+)\\s*\\(");
  private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
  private static final Pattern END = Pattern.compile("(?m)^\\s*end\\b");
  private static final Pattern PUT = Pattern.compile("\\.put\\(\\s*\"([^\"]+)\"");
  private static final Pattern CALL = Pattern.compile("\\b([A-Za-z_]\\w*)\\s*\\(");
  private static final Pattern CONCLUDE = Pattern.compile("\\bDiagnosis\\s*\\.\\s*of\\s*\\(\\s*\"([^\"]+)\"");
  private static final Pattern ASK = Pattern.compile("\\bProbeRequest\\s*\\.\\s*of\\s*\\(\\s*\"([^\"]+)\"");

  /** A function: the keys it puts into a map, and the names it calls. */
  record Function(String name, Set<String> keys, Set<String> calls) {}

  /**
   * A rule's conclusion.
   *
   * @param bindingsFunction the function that builds its bindings, or null when the argument is not a function call
   */
  record Conclusion(String rule, String cause, int line, String bindingsFunction) {}

  /** A rule's request for evidence. */
  record Ask(String rule, String probe, int line) {}

  final String packageName;
  final Map<String, Function> functions = new LinkedHashMap<>();
  final List<Conclusion> conclusions = new ArrayList<>();
  final List<Ask> asks = new ArrayList<>();

  DrlOutline(String text) {
    String noComments = blank(text, false);
    String code = blank(text, true);
    Matcher p = PACKAGE.matcher(code);
    packageName = p.find() ? p.group(1) : "";
    Matcher f = FUNCTION.matcher(code);
    while (f.find()) {
      int open = code.indexOf('{', f.end());
      int close = open < 0 ? -1 : matching(code, open);
      if (close < 0) {
        continue;
      }
      Set<String> keys = new LinkedHashSet<>();
      Matcher put = PUT.matcher(noComments.substring(open, close));
      while (put.find()) {
        keys.add(put.group(1));
      }
      Set<String> calls = new LinkedHashSet<>();
      Matcher call = CALL.matcher(code.substring(open, close));
      while (call.find()) {
        calls.add(call.group(1));
      }
      functions.put(f.group(1), new Function(f.group(1), keys, calls));
    }
    Matcher r = RULE.matcher(code);
    while (r.find()) {
      Matcher end = END.matcher(code);
      int stop = end.find(r.end()) ? end.start() : code.length();
      String rule = noComments.substring(r.start(1), r.end(1));
      Matcher c = CONCLUDE.matcher(noComments.substring(0, stop));
      c.region(r.end(), stop);
      while (c.find()) {
        List<String> args = arguments(code, code.indexOf('(', c.start()));
        String fn = null;
        if (args.size() >= 4) {
          Matcher called = Pattern.compile("^\\s*(\\w+)\\s*\\(").matcher(args.get(3));
          fn = called.find() ? called.group(1) : null;
        }
        conclusions.add(new Conclusion(rule, c.group(1), lineOf(text, c.start()), fn));
      }
      Matcher a = ASK.matcher(noComments.substring(0, stop));
      a.region(r.end(), stop);
      while (a.find()) {
        asks.add(new Ask(rule, a.group(1), lineOf(text, a.start())));
      }
    }
  }

  /** The text with comments (and, when asked, string contents) replaced by spaces; lines stay where they are. */
  private static String blank(String text, boolean strings) {
    StringBuilder out = new StringBuilder(text);
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      if (ch == '"') {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != '"' && text.charAt(j) != '\n') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        if (strings) {
          for (int k = i + 1; k < Math.min(j, text.length()); k++) {
            out.setCharAt(k, ' ');
          }
        }
        i = j + 1;
      } else if (text.startsWith("//", i) || text.startsWith("/*", i)) {
        boolean line = text.startsWith("//", i);
        int j = line ? text.indexOf('\n', i) : text.indexOf("*/", i + 2);
        j = j < 0 ? text.length() : (line ? j : j + 2);
        for (int k = i; k < j; k++) {
          if (text.charAt(k) != '\n') {
            out.setCharAt(k, ' ');
          }
        }
        i = j;
      } else {
        i++;
      }
    }
    return out.toString();
  }

  private static int matching(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char ch = code.charAt(i);
      if (ch == '{' || ch == '(') {
        depth++;
      } else if (ch == '}' || ch == ')') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The top-level arguments of the call whose '(' is at {@code open}. */
  private static List<String> arguments(String code, int open) {
    List<String> args = new ArrayList<>();
    int close = matching(code, open);
    if (open < 0 || close < 0) {
      return args;
    }
    int depth = 0;
    int start = open + 1;
    for (int i = open + 1; i < close; i++) {
      char ch = code.charAt(i);
      if (ch == '(' || ch == '{' || ch == '[') {
        depth++;
      } else if (ch == ')' || ch == '}' || ch == ']') {
        depth--;
      } else if (ch == ',' && depth == 0) {
        args.add(code.substring(start, i));
        start = i + 1;
      }
    }
    args.add(code.substring(start, close));
    return args;
  }

  static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
