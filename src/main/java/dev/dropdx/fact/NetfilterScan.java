package dev.dropdx.fact;

/**
 * The netfilter ruleset of a namespace was read (iptables-save and/or nft), with the tools that
 * answered, so rules can tell "no such rule" from "not looked".
 *
 * @param netns namespace name, e.g. dropdx-lab-r
 * @param tools tools that answered, e.g. "iptables-save nft"
 * @param rules how many rules (policies included) were read, e.g. 7
 */
public record NetfilterScan(String netns, String tools, int rules) implements Evidence {

  @Override
  public String describe() {
    return "netfilter ruleset of " + (netns.isEmpty() ? "this namespace" : "netns " + netns) + " read with " + tools + ": "
        + rules + " rule(s) and policies";
  }
}
