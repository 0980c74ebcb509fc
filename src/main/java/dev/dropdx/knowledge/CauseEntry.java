package dev.dropdx.knowledge;

import java.util.List;

/**
 * What we know about one drop cause. Text fields are templates: {@code {name}} is replaced by the
 * diagnosis binding of that name.
 *
 * @param id cause id (kebab-case)
 * @param title one line
 * @param functions kernel functions that drop for this cause
 * @param reasons drop reasons the kernel gives for it (kernels with drop reasons)
 * @param explanation plain-language explanation
 * @param fix steps or commands that remove the cause
 * @param verify commands that show the fix worked
 * @param references where to read more
 * @param kernelNotes differences between kernel versions
 */
public record CauseEntry(
    String id, String title, List<String> functions, List<String> reasons, String explanation, List<String> fix,
    List<String> verify, List<String> references, List<String> kernelNotes) {

  public CauseEntry {
    functions = functions == null ? List.of() : List.copyOf(functions);
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    fix = fix == null ? List.of() : List.copyOf(fix);
    verify = verify == null ? List.of() : List.copyOf(verify);
    references = references == null ? List.of() : List.copyOf(references);
    kernelNotes = kernelNotes == null ? List.of() : List.copyOf(kernelNotes);
  }
}
