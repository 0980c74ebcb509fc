package dev.dropdx.fact;

/** Whether a drop is known to belong to the target's packets. */
public enum TargetMatch {
  /** Per-packet evidence shows the dropped packet is one of the target's. */
  TARGET,
  /** Per-packet evidence shows the dropped packet is someone else's. */
  OTHER,
  /** Only aggregate evidence was available: the drop may or may not be the target's. */
  UNFILTERED
}
