/** SystemTap backend: runs the scripts in stap/ (kernels without drop reasons) and parses their key=value output. */
package dev.dropdx.probe.stap;
