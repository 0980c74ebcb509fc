/** Evidence recorded once: the recorder both the diagnosis loop and `collect` use, live and replayed evidence, and the versioned bundle. */
package dev.dropdx.evidence;
