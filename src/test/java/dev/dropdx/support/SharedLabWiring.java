package dev.dropdx.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link LabWiring} for all the tests of a class, made before the first and closed after the
 * last: {@code @RegisterExtension static final SharedLabWiring WIRING = new SharedLabWiring();}
 * then {@code WIRING.get()} in the tests (the wiring compiles the rule book once per class).
 */
public final class SharedLabWiring implements BeforeAllCallback, AfterAllCallback {
  private LabWiring wiring;

  @Override
  public void beforeAll(ExtensionContext context) {
    wiring = new LabWiring();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    wiring.close();
  }

  /** The class's wiring. */
  public LabWiring get() {
    return wiring;
  }
}
