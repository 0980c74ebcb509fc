package dev.dropdx.rules;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/** A class that acts while being deserialized (a gadget): it writes its marker file. */
class CacheGadget implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String marker;

  CacheGadget(Path marker) {
    this.marker = marker.toString();
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    Files.writeString(Path.of(marker), "deserialized");
  }
}
