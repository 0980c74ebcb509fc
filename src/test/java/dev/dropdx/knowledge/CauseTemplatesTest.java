package dev.dropdx.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The knowledge-base template mechanism: bindings, globals, fallbacks, choices by a word, choices per item. */
class CauseTemplatesTest {
  private static final String ENTRY = """
      {
        "id": "demo",
        "title": "{mode} filter drops on {iface}",
        "bindings": ["iface", "mode", "key", "src", "portUse"],
        "items": {"sockets": ["endpoint", "why"]},
        "fallbacks": {"src": "the sender"},
        "choices": {
          "modeFix": {"by": "mode", "cases": {"strict": "{nsExec}sysctl -w {key}=2", "loose": "add a route back to {src}"}},
          "portHint": {"by": "portUse", "cases": {"free": "nothing uses the port"}, "otherwise": "in use: {socketNotes}."},
          "socketNotes": {"each": "sockets", "join": "; ", "text": "{endpoint}{whyNote}"},
          "whyNote": {"by": "why", "cases": {"proto": " listens for another protocol", "none": ""}}
        },
        "explanation": "From {src}. {portHint}",
        "fix": ["{modeFix}"],
        "verify": ["{ipNetns} route get {src}"]
      }
      """;

  private final JsonMapper json = JsonMapper.builder().build();

  private CauseEntry entry(String text) {
    return json.readValue(text, CauseEntry.class);
  }

  private static Map<String, String> values(String mode, String src, String portUse) {
    Map<String, String> v = new HashMap<>(Templates.globals("web"));
    v.put("iface", "eth0");
    v.put("mode", mode);
    v.put("key", "net.ipv4.conf.eth0.rp_filter");
    v.put("src", src);
    v.put("portUse", portUse);
    return v;
  }

  @Test
  void aChoiceByABoundWordPicksItsCaseAndFillsItsPlaceholders() {
    CauseText t = CauseTemplates.render(entry(ENTRY), values("strict", "198.18.0.1", "free"), Map.of());
    assertThat(t.title()).isEqualTo("strict filter drops on eth0");
    assertThat(t.fix()).containsExactly("ip netns exec web sysctl -w net.ipv4.conf.eth0.rp_filter=2");
    assertThat(t.explanation()).isEqualTo("From 198.18.0.1. nothing uses the port");
    assertThat(t.verify()).containsExactly("ip -n web route get 198.18.0.1");
    assertThat(CauseTemplates.render(entry(ENTRY), values("loose", "198.18.0.1", "free"), Map.of()).fix())
        .containsExactly("add a route back to 198.18.0.1");
  }

  @Test
  void aNullBindingTakesItsFallbackAndItemListsAreJoined() {
    List<Map<String, String>> sockets = List.of(Map.of("endpoint", "tcp 0.0.0.0:53", "why", "proto"), Map.of("endpoint", "udp 127.0.0.1:53", "why", "none"));
    CauseText t = CauseTemplates.render(entry(ENTRY), values("loose", null, "used"), Map.of("sockets", sockets));
    assertThat(t.explanation()).isEqualTo("From the sender. in use: tcp 0.0.0.0:53 listens for another protocol; udp 127.0.0.1:53.");
    assertThat(t.fix()).containsExactly("add a route back to the sender");
  }

  @Test
  void aWordNoCaseNamesIsAnErrorNotABrace() {
    assertThatThrownBy(() -> CauseTemplates.render(entry(ENTRY), values("off", "x", "free"), Map.of()))
        .isInstanceOf(KnowledgeBaseException.class).hasMessageContaining("modeFix").hasMessageContaining("mode = off");
  }

  @Test
  void theShippedStyleEntryChecksCleanAndEachKindOfMistakeIsFoundWithItsLine() {
    assertThat(CauseTemplates.check(entry(ENTRY), "demo.json", ENTRY)).isEmpty();
    String unbound = ENTRY.replace("\"add a route back to {src}\"", "\"add a route via {gateway}\"");
    assertThat(CauseTemplates.check(entry(unbound), "demo.json", unbound)).singleElement().satisfies(p -> {
      assertThat(p.line()).isEqualTo(8);
      assertThat(p.message()).contains("{gateway}").contains("choice \"modeFix\"");
    });
    String badBy = ENTRY.replace("\"by\": \"mode\"", "\"by\": \"moed\"");
    assertThat(CauseTemplates.check(entry(badBy), "demo.json", badBy)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("\"moed\" is not a declared binding"));
    String cycle = ENTRY.replace("\"none\": \"\"", "\"none\": \"{socketNotes}\"");
    assertThat(CauseTemplates.check(entry(cycle), "demo.json", cycle)).extracting(KnowledgeProblem::message)
        .anySatisfy(m -> assertThat(m).contains("uses itself"));
    String itemOutside = ENTRY.replace("\"From {src}. ", "\"From {src} at {endpoint}. ");
    assertThat(CauseTemplates.check(entry(itemOutside), "demo.json", itemOutside)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("{endpoint}"));
  }
}
