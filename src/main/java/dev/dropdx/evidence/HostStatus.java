package dev.dropdx.evidence;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Why a host of a fleet run has no bundle: written by the Ansible role (deploy/ansible) as
 * {@code HOST.status.json} beside the fetched bundles, so that {@code batch} lists every host.
 *
 * @param version format version ("dropdx-host-status": 1)
 * @param host the host's inventory name
 * @param status unreachable, no-root, timeout or failed
 * @param message what went wrong, in the words of ssh, sudo or dropdx
 */
public record HostStatus(@JsonProperty("dropdx-host-status") int version, String host, String status, String message) {

  /** The statuses a fleet run writes; anything else in a status file is a bad file. */
  public static final List<String> STATUSES = List.of("unreachable", "no-root", "timeout", "failed");

  /** File names ending so are host status files, not bundles. */
  public static final String SUFFIX = ".status.json";
}
