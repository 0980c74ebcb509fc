package dev.dropdx.probe.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropReasonFormatTest {

  @Test
  void readsReasonNamesFromTheRecorded618Format() throws Exception {
    Map<Integer, String> names = DropReasonFormat.parse(Files.readString(Path.of("src/test/resources/recorded/kfree_skb-format-6.18.txt")));
    assertThat(names).containsEntry(2, "NOT_SPECIFIED").containsEntry(16, "IP_RPFILTER").containsEntry(19, "IP_NOPROTO")
        .containsEntry(54, "IP_OUTNOROUTES").containsEntry(89, "IP_LOCAL_SOURCE");
  }

  @Test
  void numbersComeFromTheFormatNotFromATable() {
    String renumbered = "field:enum skb_drop_reason reason; print fmt: \"...\", __print_symbolic(REC->reason, { 2, \"NOT_SPECIFIED\" }, { 7, \"IP_RPFILTER\" })";
    assertThat(DropReasonFormat.parse(renumbered)).containsEntry(7, "IP_RPFILTER").doesNotContainKey(16);
  }

  @Test
  void aKernelWithoutTheReasonFieldHasNoNames() {
    String old = "field:void * location; print fmt: \"skbaddr=%p protocol=%u location=%p\", REC->skbaddr";
    assertThat(DropReasonFormat.parse(old)).isEmpty();
  }
}
