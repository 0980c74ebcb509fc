package dev.dropdx.fact;

/**
 * A source line of a function that ran while it handled the target's packet (SystemTap statement
 * probe, the article's pp() tracing). Which line means which branch depends on the kernel version:
 * the rules know that, this fact only says what ran.
 *
 * @param function the traced function
 * @param module "kernel" or the module name
 * @param file source file as the debuginfo names it
 * @param line line number in the running kernel's source
 * @param order 1 for the first line hit, in the order lines first ran
 * @param count how many times it ran across the traced calls
 */
public record LineHit(String function, String module, String file, int line, int order, long count) implements Evidence {

  @Override
  public String describe() {
    return function + " ran " + file + ":" + line + " (" + count + "x, step " + order + " of the trace)";
  }
}
