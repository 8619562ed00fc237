"""Regex pieces shared by the grammars (dates, numbers): one definition of a space,
a range dash and a word boundary."""

#: horizontal whitespace (space, NBSP, thin spaces, tab), never a line break
SP = r"[^\S\r\n\u2028\u2029]+"
OSP = r"[^\S\r\n\u2028\u2029]*"
#: a dash between the two ends of a range ("3–5", "10 - 15", "2021–2023")
DASH = OSP + r"[-‐‑‒–—―−]" + OSP
#: start / end of a word (letters and digits)
WSTART = r"(?<![^\W_])"
WEND = r"(?![^\W_])"
