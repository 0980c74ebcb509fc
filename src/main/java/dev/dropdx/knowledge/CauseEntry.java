package dev.dropdx.knowledge;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What we know about one drop cause, with every sentence of its explanation, fix and verify.
 * Text fields are templates (see {@link CauseTemplates}): {@code {name}} is a value the proving
 * rule binds (declared in {@code bindings}; its {@code fallbacks} text when the rule bound null), a
 * global ({@link Templates#GLOBALS}) or one of the entry's {@code choices} (text picked by a bound
 * word, or repeated for each item of a list).
 *
 * @param id cause id (kebab-case)
 * @param title one line
 * @param functions kernel functions that drop for this cause
 * @param reasons drop reasons the kernel gives for it (kernels with drop reasons)
 * @param bindings the names every rule that concludes this cause binds (values only, no prose)
 * @param items item lists a rule binds (name to the fields each item has), e.g. sockets on a port
 * @param fallbacks text for a binding the rule left empty (null), e.g. "the receiving interface"
 * @param choices named texts that vary with a bound value
 * @param explanation plain-language explanation
 * @param fix steps or commands that remove the cause
 * @param verify commands that show the fix worked
 * @param references where to read more
 * @param kernelNotes differences between kernel versions
 */
public record CauseEntry(
    String id, String title, List<String> functions, List<String> reasons, List<String> bindings,
    Map<String, List<String>> items, Map<String, String> fallbacks, Map<String, TemplateChoice> choices, String explanation, List<String> fix,
    List<String> verify, List<String> references, List<String> kernelNotes) {

  public CauseEntry {
    functions = functions == null ? List.of() : List.copyOf(functions);
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    bindings = bindings == null ? List.of() : List.copyOf(bindings);
    items = items == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(items));
    fallbacks = fallbacks == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(fallbacks));
    choices = choices == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(choices));
    fix = fix == null ? List.of() : List.copyOf(fix);
    verify = verify == null ? List.of() : List.copyOf(verify);
    references = references == null ? List.of() : List.copyOf(references);
    kernelNotes = kernelNotes == null ? List.of() : List.copyOf(kernelNotes);
  }

  /** Every template of the entry that a diagnosis renders: title, explanation, fix and verify. */
  public List<String> templates() {
    List<String> all = new java.util.ArrayList<>();
    all.add(title);
    all.add(explanation);
    all.addAll(fix);
    all.addAll(verify);
    return all;
  }
}
