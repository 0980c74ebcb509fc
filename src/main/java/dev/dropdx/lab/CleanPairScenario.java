package dev.dropdx.lab;

import dev.dropdx.fact.Target;
import java.util.List;
import org.springframework.stereotype.Component;

/** Two namespaces pinging each other with nothing wrong: dropdx must say no-drops. */
@Component
public class CleanPairScenario implements LabScenario {

  @Override
  public String name() {
    return "clean";
  }

  @Override
  public String description() {
    return "a healthy veth pair with ping flowing; no fault";
  }

  @Override
  public String expectedCause() {
    return null;
  }

  @Override
  public Target setUp(LabNetwork net) {
    VethPair pair = VethPair.create(net, "clean", "198.18.1.1", "198.18.1.2");
    net.startTraffic(pair.senderNs(), List.of("ping", "-q", "-i", "0.2", "198.18.1.2"));
    return new Target("198.18.1.1", null, 1, null, null, pair.receiverNs());
  }
}
