"""Regex pieces shared by the grammars (dates, numbers): one definition of a space,
a range dash, a word boundary, and word lists compiled as prefix tries."""

import re

#: horizontal whitespace (space, NBSP, thin spaces, tab), never a line break
SP = r"[^\S\r\n\u2028\u2029]+"
OSP = r"[^\S\r\n\u2028\u2029]*"
#: a dash between the two ends of a range ("3–5", "10 - 15", "2021–2023")
DASH = OSP + r"[-‐‑‒–—―−]" + OSP
#: start / end of a word (letters and digits)
WSTART = r"(?<![^\W_])"
WEND = r"(?![^\W_])"


def alternation(words, after_dot: str = SP) -> str:
    """A non-capturing alternation of `words` as a prefix trie.

    `re` tries the branches of an alternation one by one; factoring common prefixes
    ("январ(?:ь|я|ю|е|ём|ем)") makes a failing position cost one character test per
    distinct first letter. A space inside a form becomes `SP`, or `after_dot` right
    after a dot (numbers pass `OSP`: "кв. м" matches "кв.м" too). The trie is greedy:
    a longer form is tried before its prefix.
    """
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w.lower():
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie, "", after_dot)


def _trie_regex(node: dict, prev: str, after_dot: str) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        head = (after_dot if prev == "." else SP) if ch == " " else re.escape(ch)
        branches.append(head + _trie_regex(node[ch], ch, after_dot))
    if not branches:
        return ""
    if len(branches) == 1 and not end:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if end else body
