import dev.dropdx.probe.bpftrace.BpftraceDropScript;

/**
 * Prints the bpftrace program the drop watch runs for bench/flood-cost's target (a UDP port, one
 * namespace, IPv4), so the program can be measured alone, without the JVM. Run from the project
 * root: java -cp target/classes bench/FloodProgram.java watch [WINDOW]
 */
public class FloodProgram {
  public static void main(String[] args) {
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    switch (args.length > 0 ? args[0] : "watch") {
      case "watch" -> System.out.print(BpftraceDropScript.program(window, true));
      default -> throw new IllegalArgumentException("kinds: watch");
    }
  }
}
