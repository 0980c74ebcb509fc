/** Where dropdx finds its rules and knowledge base, from configuration. */
package dev.dropdx.config;
