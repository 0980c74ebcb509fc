package dev.dropdx.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Issue 17: a saved or exported bundle (addresses, hosts, rules) is private to the user who wrote it. */
class BundleModesTest {
  @Test
  void aWrittenBundleIsOwnerOnly(@TempDir Path tmp) throws Exception {
    BundleCodec codec = new BundleCodec(JsonMapper.builder().build(), "");
    Path out = tmp.resolve("saved.json");
    codec.write(codec.read(Path.of("src/test/resources/bundles/rp-filter.json")), out);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
  }
}
