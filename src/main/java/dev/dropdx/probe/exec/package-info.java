/** Running external commands safely: argument lists, never a shell, with timeouts and cleanup. */
package dev.dropdx.probe.exec;
