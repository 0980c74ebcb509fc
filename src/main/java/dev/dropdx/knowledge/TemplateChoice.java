package dev.dropdx.knowledge;

import java.util.Map;
import java.util.TreeMap;

/**
 * A named text of a knowledge-base entry that varies with what the rule bound. Exactly one form:
 *
 * <ul>
 *   <li>{@code {"by": "mode", "cases": {"strict": "...", "loose": "..."}, "otherwise": "..."}}: the
 *       case whose key equals the bound value of {@code by} ({@code otherwise} for any other value);
 *   <li>{@code {"each": "sockets", "text": "...", "join": "; "}}: {@code text} once per item of the
 *       bound item list {@code each}, joined; inside it, an item's fields are placeholders too.
 * </ul>
 *
 * Case texts and item texts are templates themselves (bindings, globals, other choices).
 *
 * @param by the binding (or item field) whose value picks the case
 * @param cases text per value
 * @param otherwise text for a value no case names (absent: such a value is an error)
 * @param each the item list to repeat over
 * @param text the text per item
 * @param join what goes between items (default ", ")
 */
public record TemplateChoice(String by, Map<String, String> cases, String otherwise, String each, String text, String join) {

  public TemplateChoice {
    cases = cases == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(cases));
    join = join == null ? ", " : join;
  }

  /** Every template text inside this choice. */
  public java.util.List<String> texts() {
    java.util.List<String> all = new java.util.ArrayList<>(cases.values());
    if (otherwise != null) {
      all.add(otherwise);
    }
    if (text != null) {
      all.add(text);
    }
    return all;
  }
}
