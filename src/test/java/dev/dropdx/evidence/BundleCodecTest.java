package dev.dropdx.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class BundleCodecTest {
  private static final Path RECORDED = Path.of("src/test/resources/bundles/rp-filter.json");
  private final BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");

  @Test
  void aRecordedBundleReadsAndWritesBackTheSame(@TempDir Path dir) {
    EvidenceBundle b = codec.read(RECORDED);
    assertThat(b.version()).isEqualTo(1);
    assertThat(b.target().src()).isEqualTo("198.18.2.1");
    assertThat(b.host().reasonName(16)).isEqualTo("IP_RPFILTER");
    assertThat(b.probes()).extracting(p -> p.probe()).contains("drop-watch", "sysctl", "route");
    Path copy = dir.resolve("sub/copy.json");
    codec.write(b, copy);
    assertThat(codec.read(copy)).isEqualTo(b);
  }

  @Test
  void anIpv6TargetIsAdditiveVersionOneAndComesBackCanonical(@TempDir Path dir) throws Exception {
    String all = Files.readString(RECORDED);
    String v6 = all.replace("\"198.18.2.1\"", "\"2001:DB8:0:0::1\"");
    assertThat(v6).isNotEqualTo(all);
    EvidenceBundle b = codec.parse(v6.getBytes(StandardCharsets.UTF_8), "v6.json");
    assertThat(b.version()).isEqualTo(1);
    assertThat(b.target().src()).isEqualTo("2001:db8::1");
    assertThat(b.target().ipv6()).isTrue();
    Path copy = dir.resolve("v6.json");
    codec.write(b, copy);
    assertThat(codec.read(copy)).isEqualTo(b);
    // The target keeps its fields: no derived family or ipv6 key goes into the file.
    assertThat(Files.readString(copy)).contains("\"2001:db8::1\"").doesNotContain("\"family\"").doesNotContain("\"ipv6\"");
  }

  @Test
  void aTruncatedBundleIsAClearError() throws Exception {
    byte[] all = Files.readAllBytes(RECORDED);
    byte[] half = java.util.Arrays.copyOf(all, all.length / 2);
    assertThatThrownBy(() -> codec.parse(half, "half.json")).isInstanceOf(BundleException.class)
        .hasMessageStartingWith("half.json: not valid JSON").hasMessageContaining("truncated");
  }

  @Test
  void aFutureVersionSaysToUpgrade() {
    byte[] future = "{\"dropdx-bundle\": 7, \"target\": {}, \"host\": {}}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.parse(future, "f.json")).isInstanceOf(BundleException.class)
        .hasMessageContaining("version 7").hasMessageContaining("upgrade dropdx");
  }

  @Test
  void otherJsonIsNotABundle() {
    assertThatThrownBy(() -> codec.parse("[1,2]".getBytes(StandardCharsets.UTF_8), "a.json")).hasMessageContaining("not a dropdx bundle");
    assertThatThrownBy(() -> codec.parse("{\"x\":1}".getBytes(StandardCharsets.UTF_8), "b.json")).hasMessageContaining("no \"dropdx-bundle\"");
    assertThatThrownBy(() -> codec.parse("{\"dropdx-bundle\":1}".getBytes(StandardCharsets.UTF_8), "c.json"))
        .hasMessageContaining("target and host are required");
    assertThatThrownBy(() -> codec.parse("{\"dropdx-bundle\":1,\"target\":{},\"host\":{\"dropReasons\":{\"x\":5}}}".getBytes(StandardCharsets.UTF_8), "d.json"))
        .isInstanceOf(BundleException.class).hasMessageStartingWith("d.json: malformed bundle");
  }

  @Test
  void aRecordingWithoutAProbeNameIsAClearError() throws Exception {
    String all = Files.readString(RECORDED);
    String nameless = all.replaceFirst("\"probe\"\\s*:\\s*\"[a-z-]+\"\\s*,", "");
    assertThat(nameless).isNotEqualTo(all);
    assertThatThrownBy(() -> codec.parse(nameless.getBytes(StandardCharsets.UTF_8), "n.json")).isInstanceOf(BundleException.class)
        .hasMessageContaining("n.json: malformed bundle (probes[").hasMessageContaining("has no \"probe\" name");
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    assertThatThrownBy(() -> codec.read(dir.resolve("nope.json"))).isInstanceOf(BundleException.class).hasMessageContaining("nope.json");
  }
}
