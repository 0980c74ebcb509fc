package dev.dropdx.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dropdx.diagnosis.CannotDiagnoseException;
import dev.dropdx.diagnosis.DiagnosisOptions;
import dev.dropdx.diagnosis.DiagnosisReport;
import dev.dropdx.support.LabWiring;
import dev.dropdx.support.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes the bundle reader and replay with mutated seed bundles (byte flips, truncation,
 * duplicated and huge fields, deep nesting, wrong types, other versions). Every case must end in
 * a result or a one-line error (BundleException: exit 2; CannotDiagnoseException: exit 1) within
 * its timeout; anything else (a hang, an unexpected exception, running out of memory) fails and
 * names the case, which the fixed seed reproduces.
 */
@SlowTest
class BundleFuzzTest {
  static final int CASES = 10_000;
  static final long SEED = 0x6472_6f70_6478L; // "dropdx"
  private static final long CASE_TIMEOUT_SECONDS = 10;
  private static LabWiring wiring;
  private final JsonMapper json = JsonMapper.builder().build();
  private final BundleCodec codec = new BundleCodec(json, "");
  private final DiagnosisOptions options = new DiagnosisOptions(3, 12, 5);

  @BeforeAll
  static void wire() throws Exception {
    wiring = new LabWiring();
    // Compile the rules once before the clock runs: the first replay would spend its timeout on that.
    EvidenceBundle b = new BundleCodec(JsonMapper.builder().build(), "").parse(seeds().get(0), "warm-up");
    wiring.engine.replay(b.target(), b.host(), b.probes(), new DiagnosisOptions(3, 12, 5));
  }

  @AfterAll
  static void close() {
    wiring.close();
  }

  enum Mutation { BYTE_FLIP, TRUNCATE, HUGE_FIELD, DUPLICATE_FIELD, DEEP_NESTING, WRONG_TYPE, REMOVE_FIELD, VERSION, SPLICE }

  @Test
  void tenThousandMutatedBundlesEachEndInAResultOrAClearError() throws Exception {
    List<byte[]> seeds = seeds();
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bundle-fuzz");
      t.setDaemon(true); // a hung case must not keep the test JVM alive
      return t;
    });
    try {
      for (int i = 0; i < CASES && failures.size() < 10; i++) {
        Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
        byte[] bytes = mutate(m, seeds.get(random.nextInt(seeds.size())), random, seeds);
        String name = "case-" + i + "-" + m;
        Future<String> f = worker.submit(() -> readAndReplay(bytes, name));
        try {
          outcomes.merge(m + " " + f.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS), 1, Integer::sum);
        } catch (TimeoutException e) {
          f.cancel(true);
          failures.add(name + ": no answer in " + CASE_TIMEOUT_SECONDS + " s");
          worker.shutdownNow();
          worker = Executors.newSingleThreadExecutor();
        } catch (java.util.concurrent.ExecutionException e) {
          // Where it broke, not only what: the first dropdx frame.
          String at = java.util.Arrays.stream(e.getCause().getStackTrace()).filter(t -> t.getClassName().startsWith("dev.dropdx"))
              .findFirst().map(StackTraceElement::toString).orElse("?");
          failures.add(name + ": " + e.getCause() + " at " + at);
        }
      }
    } finally {
      worker.shutdownNow();
    }
    System.err.println("bundle fuzz: " + CASES + " cases, seed " + SEED + ": " + outcomes);
    assertThat(failures).isEmpty();
    assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CASES);
    // The mutations reach replay too, not only the JSON parser.
    assertThat(outcomes.keySet()).anyMatch(k -> k.endsWith("replayed")).anyMatch(k -> k.endsWith("bundle error"));
  }

  /** Reads and replays one case; returns the kind of ending, throws on anything unexpected. */
  private String readAndReplay(byte[] bytes, String name) {
    EvidenceBundle b;
    try {
      b = codec.parse(bytes, name);
    } catch (BundleException e) {
      clearLine(e.getMessage(), name);
      return "bundle error";
    }
    try {
      DiagnosisReport r = wiring.engine.replay(b.target(), b.host(), b.probes(), options);
      assertThat(r.verdict()).isNotNull();
      return "replayed";
    } catch (CannotDiagnoseException e) {
      clearLine(e.getMessage(), name);
      return "cannot diagnose";
    }
  }

  private static void clearLine(String message, String name) {
    assertThat(message).as(name).isNotBlank().doesNotContain("\n");
    assertThat(message.length()).as(name + ": " + message.substring(0, Math.min(200, message.length()))).isLessThan(4000);
  }

  private byte[] mutate(Mutation m, byte[] seed, Random random, List<byte[]> seeds) {
    return switch (m) {
      case BYTE_FLIP -> {
        byte[] b = seed.clone();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        yield b;
      }
      case TRUNCATE -> java.util.Arrays.copyOf(seed, random.nextInt(seed.length));
      case SPLICE -> {
        byte[] other = seeds.get(random.nextInt(seeds.size()));
        int cut = random.nextInt(seed.length);
        int from = random.nextInt(other.length);
        byte[] b = new byte[cut + other.length - from];
        System.arraycopy(seed, 0, b, 0, cut);
        System.arraycopy(other, from, b, cut, other.length - from);
        yield b;
      }
      case DUPLICATE_FIELD -> {
        // The same key twice in one object, the second with another value: JSON text only.
        String s = new String(seed, StandardCharsets.UTF_8);
        String key = List.of("\"target\"", "\"host\"", "\"probes\"", "\"dropdx-bundle\"", "\"raw\"").get(random.nextInt(5));
        int at = s.indexOf(key);
        yield (at < 0 ? s : s.substring(0, at) + key + ": " + List.of("null", "2", "\"x\"", "[]", "{}").get(random.nextInt(5)) + ", "
            + s.substring(at)).getBytes(StandardCharsets.UTF_8);
      }
      case DEEP_NESTING -> {
        int depth = 500 + random.nextInt(20_000);
        String s = new String(seed, StandardCharsets.UTF_8);
        int at = s.indexOf("\"target\"");
        String deep = "[".repeat(depth) + "]".repeat(depth);
        yield (s.substring(0, at) + "\"deep\": " + deep + ", " + s.substring(at)).getBytes(StandardCharsets.UTF_8);
      }
      default -> treeMutation(m, seed, random);
    };
  }

  /** Mutations on the parsed tree: a random node gets a huge value, the wrong type, goes away, or the version changes. */
  private byte[] treeMutation(Mutation m, byte[] seed, Random random) {
    ObjectNode root = (ObjectNode) json.readTree(seed);
    if (m == Mutation.VERSION) {
      JsonNodeFactory nf = JsonNodeFactory.instance;
      JsonNode v = List.<JsonNode>of(nf.numberNode(0), nf.numberNode(-1), nf.numberNode(2), nf.numberNode(Long.MAX_VALUE),
          nf.numberNode(1.5), nf.stringNode("1"), nf.nullNode(), nf.numberNode(new java.math.BigInteger("9".repeat(400)))).get(random.nextInt(8));
      root.set("dropdx-bundle", v);
      return json.writeValueAsBytes(root);
    }
    List<Object[]> slots = new ArrayList<>(); // {container, key or index}
    collect(root, slots);
    Object[] slot = slots.get(random.nextInt(slots.size()));
    JsonNodeFactory nf = JsonNodeFactory.instance;
    JsonNode replacement = switch (m) {
      case HUGE_FIELD -> random.nextBoolean() ? nf.stringNode("x".repeat(1 << (16 + random.nextInt(6))))
          : nf.numberNode(new java.math.BigDecimal("1e" + (1000 + random.nextInt(100_000))));
      case WRONG_TYPE -> List.<JsonNode>of(nf.numberNode(-1), nf.stringNode("\u0000\u202e"), nf.booleanNode(true), nf.nullNode(),
          nf.arrayNode(), nf.objectNode(), nf.numberNode(Integer.MIN_VALUE), nf.stringNode("")).get(random.nextInt(8));
      default -> null; // REMOVE_FIELD
    };
    if (slot[0] instanceof ObjectNode o) {
      if (replacement == null) {
        o.remove((String) slot[1]);
      } else {
        o.set((String) slot[1], replacement);
      }
    } else if (slot[0] instanceof ArrayNode a) {
      if (replacement == null) {
        a.remove((int) slot[1]);
      } else {
        a.set((int) slot[1], replacement);
      }
    }
    return json.writeValueAsBytes(root);
  }

  private static void collect(JsonNode node, List<Object[]> slots) {
    if (node instanceof ObjectNode o) {
      for (String key : List.copyOf(o.propertyNames())) {
        slots.add(new Object[] {o, key});
        collect(o.get(key), slots);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        slots.add(new Object[] {a, i});
        collect(a.get(i), slots);
      }
    }
  }

  private static List<byte[]> seeds() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/test/resources/bundles"), Path.of("knowledge-base/cases"))) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          seeds.add(Files.readAllBytes(f));
        }
      }
    }
    assertThat(seeds).hasSizeGreaterThanOrEqualTo(4);
    return seeds;
  }
}
