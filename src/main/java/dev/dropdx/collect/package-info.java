/** `collect`: the first-round evidence a plan file lists, gathered without the rules into a bundle to diagnose elsewhere. */
package dev.dropdx.collect;
