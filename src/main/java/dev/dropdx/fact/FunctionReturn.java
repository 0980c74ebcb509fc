package dev.dropdx.fact;

/**
 * What a kernel function returned for the target's packets (SystemTap {@code .return} probe).
 *
 * @param function the function, e.g. ip_route_input_noref
 * @param module the module it lives in, "kernel" for vmlinux, e.g. kernel
 * @param value the return value as a signed number (an ERR_PTR error pointer reads as its -errno), e.g. -18
 * @param count how many calls returned it, e.g. 4
 */
public record FunctionReturn(String function, String module, long value, long count) implements Evidence {

  /** True when the value is a negative errno (-4095..-1), as the kernel returns errors. */
  public boolean isError() {
    return value < 0 && value >= -4095;
  }

  /** The errno name for common network errors, else the number. */
  public String errnoName() {
    return switch ((int) -value) {
      case 1 -> "EPERM";
      case 12 -> "ENOMEM";
      case 13 -> "EACCES";
      case 18 -> "EXDEV";
      case 22 -> "EINVAL";
      case 92 -> "EPROTO";
      case 101 -> "ENETUNREACH";
      case 113 -> "EHOSTUNREACH";
      default -> Long.toString(-value);
    };
  }

  @Override
  public String describe() {
    String where = "kernel".equals(module) ? "" : " (module " + module + ")";
    return function + "()" + where + " returned " + value + (isError() ? " (-" + errnoName() + ")" : "") + " for " + count + " call(s)";
  }
}
