/** Detecting what this host can do: kernel, privileges, tracefs, drop reasons, installed tools. */
package dev.dropdx.probe.host;
