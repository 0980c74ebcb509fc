package dev.dropdx.lab;

import dev.dropdx.probe.exec.ChildProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** One-off: the commands each Java scenario class runs, written as golden files for the data scenarios. */
class GoldenCaptureTest {
  @Test
  void capture() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    for (LabScenario s : List.of(new AcceptLocalScenario(), new BacklogFullScenario(), new CleanPairScenario(), new GreNoHandlerScenario(),
        new GreVersionSetScenario(), new IpChecksumScenario(), new MulticastNotJoinedScenario(), new NetfilterDropScenario(),
        new NoRouteInputScenario(), new NoRouteOutputScenario(), new NoSocketScenario(), new RpFilterLooseScenario(),
        new RpFilterStrictScenario(), new SocketRcvbufFullScenario(), new VxlanUnderlayNoRouteScenario())) {
      ChildProcesses children = new ChildProcesses();
      RecordingCommandRunner runner = new RecordingCommandRunner(children);
      var target = s.setUp(new LabNetwork(runner, children));
      Files.writeString(Path.of("src/test/resources/lab/golden/" + s.name() + ".json"),
          json.writerWithDefaultPrettyPrinter().writeValueAsString(java.util.Map.of("commands", runner.commands(), "target", target)));
    }
  }
}
