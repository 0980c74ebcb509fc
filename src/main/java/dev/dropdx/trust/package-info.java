/** Trust checks: dropdx runs as root, so it loads rules, knowledge, plans and caches only from paths no stranger can change. */
package dev.dropdx.trust;
