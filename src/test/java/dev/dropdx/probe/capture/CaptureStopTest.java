package dev.dropdx.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A capture runs only as long as the rules need (issue 14: the GRE capture took 3 to 4.5 s waiting for 5 packets). */
class CaptureStopTest {
  private final CaptureStop stop = new CaptureStop(5, 150, 5000);

  @Test
  void stopsShortlyAfterTheFirstPacketNotAtTheCount() {
    assertThat(stop.done(1, 300, 0)).isFalse();
    assertThat(stop.done(1, 449, 149)).isFalse();
    assertThat(stop.done(1, 450, 150)).isTrue();
    assertThat(stop.done(5, 310, 10)).as("the count reached").isTrue();
  }

  @Test
  void withoutPacketsItWaitsUpToTheLimit() {
    assertThat(stop.done(0, 4999, -1)).isFalse();
    assertThat(stop.done(0, 5000, -1)).isTrue();
  }
}
