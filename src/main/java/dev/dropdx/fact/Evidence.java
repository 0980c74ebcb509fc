package dev.dropdx.fact;

/** A fact that can be quoted as evidence in a diagnosis, in one plain sentence. */
public interface Evidence {
  /** One line a person can check against the host. */
  String describe();
}
