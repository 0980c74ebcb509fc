/** Evidence bundles: a diagnosis's target, host and raw probe output as versioned JSON, replayable anywhere. */
package dev.dropdx.bundle;
