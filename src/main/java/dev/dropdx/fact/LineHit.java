package dev.dropdx.fact;

/**
 * A source line of a function that ran while it handled the target's packet (SystemTap statement
 * probe, the article's pp() tracing). Which line means which branch depends on the kernel version:
 * the rules know that, this fact only says what ran.
 *
 * @param function the traced function, e.g. ip_rcv_finish
 * @param module "kernel" or the module name, e.g. kernel
 * @param file source file as the debuginfo names it, e.g. net/ipv4/ip_input.c
 * @param line line number in the running kernel's source, e.g. 429
 * @param order 1 for the first line hit, in the order lines first ran, e.g. 3
 * @param count how many times it ran across the traced calls, e.g. 4
 */
public record LineHit(String function, String module, String file, int line, int order, long count) implements Evidence {

  @Override
  public String describe() {
    return function + " ran " + file + ":" + line + " (" + count + "x, step " + order + " of the trace)";
  }
}
