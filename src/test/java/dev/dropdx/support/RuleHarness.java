package dev.dropdx.support;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookLoader;
import dev.dropdx.knowledge.CauseTemplates;
import dev.dropdx.knowledge.CauseText;
import dev.dropdx.knowledge.KnowledgeBase;
import dev.dropdx.knowledge.Templates;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

/**
 * Drives the real rules from {@code rules/} without probes: insert facts, fire, and look at which
 * rules fired, which probes they asked for and what they concluded. Close it to dispose the session.
 */
public final class RuleHarness implements AutoCloseable {
  private static RuleBook book;
  private static KnowledgeBase knowledge;
  private final KieSession session;
  private final List<String> fired = new ArrayList<>();

  public RuleHarness() {
    session = book().newSession();
    session.addEventListener(new DefaultAgendaEventListener() {
      @Override
      public void afterMatchFired(AfterMatchFiredEvent event) {
        fired.add(event.getMatch().getRule().getName());
      }
    });
  }

  /** The built-in rule book, compiled once per test JVM (compiling takes seconds). */
  public static synchronized RuleBook book() {
    if (book == null) {
      book = new RuleBookLoader().load(List.of(Path.of("rules")));
    }
    return book;
  }

  /** The shipped knowledge base, read once per test JVM. */
  public static synchronized KnowledgeBase knowledge() {
    if (knowledge == null) {
      knowledge = KnowledgeBase.load(Path.of("knowledge-base"), JsonMapper.builder().build());
    }
    return knowledge;
  }

  /**
   * The diagnosis in words, as a report for a target in namespace {@code netns} shows it: its
   * knowledge-base entry filled with the rule's bindings.
   */
  public static CauseText explain(Diagnosis d, String netns) {
    Map<String, String> values = new HashMap<>(Templates.globals(netns));
    values.putAll(d.bindings());
    return CauseTemplates.render(knowledge().find(d.cause()).orElseThrow(), values, d.items());
  }

  /** Title, explanation, fix and verify of the diagnosis, one text (for "contains" checks). */
  public static String words(Diagnosis d, String netns) {
    CauseText t = explain(d, netns);
    return t.title() + "\n" + t.explanation() + "\n" + String.join("\n", t.fix()) + "\n" + String.join("\n", t.verify());
  }

  /** The diagnosis in words for a target in {@link Facts#NS}, the namespace of the tests' facts. */
  public static String words(Diagnosis d) {
    return words(d, Facts.NS);
  }

  public RuleHarness insert(Object... facts) {
    for (Object f : facts) {
      session.insert(f);
    }
    return this;
  }

  public RuleHarness fire() {
    session.fireAllRules(1000);
    return this;
  }

  public List<String> fired() {
    return List.copyOf(fired);
  }

  public List<ProbeRequest> requests() {
    return facts(ProbeRequest.class);
  }

  public List<ProbeRequest> requests(String probe) {
    return requests().stream().filter(r -> r.probe().equals(probe)).toList();
  }

  public List<Diagnosis> diagnoses() {
    return facts(Diagnosis.class);
  }

  public <T> List<T> facts(Class<T> type) {
    return session.getObjects(type::isInstance).stream().map(type::cast).toList();
  }

  @Override
  public void close() {
    session.dispose();
  }
}
