package dev.dropdx.support;

import dev.dropdx.fact.Diagnosis;
import dev.dropdx.fact.ProbeRequest;
import dev.dropdx.rules.RuleBook;
import dev.dropdx.rules.RuleBookLoader;
import java.nio.file.Path;
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
