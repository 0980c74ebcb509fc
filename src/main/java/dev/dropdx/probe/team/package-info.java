/**
 * Team probes: read-only commands a team directory declares as data ({@code probes.json}), checked
 * against an allow-list at load, run in the target's namespace and turned into {@code TeamFact}s.
 */
package dev.dropdx.probe.team;
