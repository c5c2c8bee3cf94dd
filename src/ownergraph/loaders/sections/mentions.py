"""Shared helpers of the narrative readers: the reading context, entity mentions, titles.

A :class:`Context` carries the filing text, the :class:`~ownergraph.record.Filing`
being filled and the section map (which offset lies in "Item 4", "Schedule A",
"Exhibit 99.2 §6.2" ...), and resolves names written in the text to entity keys:
by defined short name ((“Tuspark”), (the “Company”)), by name fingerprint, or by
creating a new entity.

Examples
--------
>>> from ownergraph.record import Filing
>>> text = 'Beacon Capital Group Inc. (“BCG”) agreed to buy. BCG paid.'
>>> ctx = Context(text, Filing(form="SC 13D", schedule="13D"))
>>> scan_definitions(ctx)
>>> ctx.filing.entities[ctx.resolve("BCG")].name
'Beacon Capital Group Inc.'
>>> ctx.filing.entities[ctx.resolve("BCG")].short_names
['BCG']
>>> name_before("filed on behalf of Tus-Holdings Co., Ltd.")
'Tus-Holdings Co., Ltd.'
>>> name_after("Tus-Holdings Co., Ltd. Tus-Holdings is not")
'Tus-Holdings Co., Ltd.'
>>> name_before("the following persons: Vieco 10 Limited"), name_after("Foundation Sub 1, Inc. and")
('Vieco 10 Limited', 'Foundation Sub 1, Inc.')
>>> name_before("Item 2 Alpha Inc."), name_before("on May 10 Alpha Inc.")
('Alpha Inc.', 'Alpha Inc.')
>>> name_before("Solutions L.L.C. Blackstone Holdings I L.P."), name_after("Solutions L.L.C. Blackstone Holdings")
('Blackstone Holdings I L.P.', 'Solutions L.L.C.')
>>> title_kinds("Director and Manager")
['director', 'manager']
>>> title_kinds("Chief Financial Officer")
['cfo', 'officer']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ownergraph.loaders.vocab import phrase_pattern, table
from ownergraph.normalize import entity_key, fingerprint, looks_like_person, split_person_name
from ownergraph.record import Entity, EntityKind, Filing, ShareClass, Source

#: a name's fingerprint, remembered: resolving a mention compares it with the
#: fingerprint of every name of every entity, the same few names again and again
_fingerprint = lru_cache(maxsize=1 << 14)(fingerprint)
#: a person's name split, remembered: the same officers and directors stand in the
#: Schedule A of one filer's amendments, and the name parser is slow
_split_person_name = lru_cache(maxsize=1 << 12)(split_person_name)

__all__ = [
    "LEGAL_FORMS",
    "Context",
    "clean_entity_name",
    "has_legal_form",
    "legal_form_only",
    "name_after",
    "name_before",
    "scan_definitions",
    "sentence_spans",
    "sentence_start",
    "title_kinds",
]

#: legal-form words (lower case, without trailing punctuation) that end a company name
LEGAL_FORMS = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "l.l.c",
        "lp",
        "l.p",
        "llp",
        "l.l.p",
        "lllp",
        "corp",
        "corporation",
        "co",
        "company",
        "plc",
        "s.a",
        "sa",
        "n.v",
        "nv",
        "b.v",
        "bv",
        "gmbh",
        "ag",
        "se",
        "s.p.a",
        "spa",
        "s.a.r.l",
        "sarl",
        "s.r.l",
        "srl",
        "pte",
        "pty",
        "k.k",
        "kk",
        "ab",
        "asa",
        "oy",
        "ltda",
        "trust",
        "fund",
        "partners",
        "partnership",
        "holdings",
        "group",
        "bank",
        "foundation",
    ]
)
#: legal forms that are abbreviations and keep their final dot ("Inc.", "Ltd.")
_DOTTED_FORMS = frozenset(["inc", "ltd", "co", "corp", "pte", "pty", "bhd", "jr", "sr"])
_CONNECTORS = frozenset({"of", "&", "de", "du", "la", "von", "van", "der", "for", "the"})
_ABBREV = re.compile(
    r"^(?:[A-Z]\.|[A-Z]\.[A-Z]\.(?:[A-Z]\.)?|Mr\.|Mrs\.|Ms\.|Dr\.|St\.|No\.|Jr\.|Sr\.)$"
)
_QUOTE_OPEN = "“\"'‘"
_QUOTE_CLOSE = "”\"'’"
DEFINITION = re.compile(
    r"\((?:the\s+|each\s+a\s+|collectively,?\s+the\s+)?[“\"‘']([^”\"’'()\n]{1,60})[”\"’']\)"
)
_DESCRIPTION_TAIL = re.compile(
    r",\s+(?:a|an|the)\s+[^,()“”\"]{0,160}?(?:,\s*[^,()“”\"]{0,80}){0,3}$"
)


#: where a sentence may end: ". " or "; " before a capital, a digit or an opening
#: bracket or quote; a blank line; a line break before text. Written as one character
#: first ([.;\n]) and the rest by what it was, so that the regex engine scans for it:
#: the same matches as ``[.;]\s+(?=[A-Z(“"0-9])|\n\s*\n|\n(?=\S)``
_SENTENCE_END = re.compile(r"[.;\n](?:(?<=[.;])\s+(?=[A-Z(“\"0-9])|(?<=\n)\s*\n|(?<=\n)(?=\S))")


def _ends_sentence(text: str, dot: int) -> bool:
    """True when the "." or ";" at ``dot`` ends a sentence (not "H." or "Inc. (“BCG”)")."""
    if text[dot] != ".":
        return True
    j = dot
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    token = text[j : dot + 1]
    if _bare(token) in LEGAL_FORMS:  # "L.L.C. Blackstone Inc. is": a name, then the next
        nxt = text[dot + 1 : dot + 40].split()
        return bool(nxt) and nxt[0][:1].isupper() and _bare(nxt[0]) not in LEGAL_FORMS
    return not _ABBREV.match(token.lstrip('(“"'))


def sentence_start(text: str, pos: int, floor: int = 0) -> int:
    """Offset where the sentence holding ``pos`` begins (not before ``floor``).

    Examples
    --------
    >>> t = "Old news. Beacon Capital Group Inc. (BCG) agreed."
    >>> t[sentence_start(t, t.index("(BCG")) :][:6]
    'Beacon'
    """
    lo = max(floor, pos - 2000)
    best = lo
    for m in _SENTENCE_END.finditer(text, lo, pos):
        if m.group(0).startswith("\n") or _ends_sentence(text, m.start()):
            best = m.end()
    return best


def _table_line_break(text: str, nl: int) -> bool:
    """True when the line break at ``nl`` ends or begins a table row (a line with a tab)."""
    before = text.rfind("\n", 0, nl) + 1
    after = text.find("\n", nl + 1)
    return "\t" in text[before:nl] or "\t" in text[nl + 1 : after if after >= 0 else len(text)]


def sentence_spans(
    text: str, start: int, end: int, *, wrapped: bool = False
) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``; paragraphs end sentences.

    With ``wrapped=True`` a single line break does not end a sentence (hard-wrapped
    plain-text filings), except around table rows (lines with a tab).

    Examples
    --------
    >>> t = "Tuspark sold to Beacon Capital Group Inc. (“BCG”) shares. BCG paid."
    >>> [t[a:b] for a, b in sentence_spans(t, 0, len(t))]
    ['Tuspark sold to Beacon Capital Group Inc. (“BCG”) shares.', 'BCG paid.']
    >>> t = "Gould is the sole shareholder of Georgetown\\nPartners, Inc.\\n\\nNext."
    >>> [t[a:b] for a, b in sentence_spans(t, 0, len(t), wrapped=True)]
    ['Gould is the sole shareholder of Georgetown\\nPartners, Inc.', 'Next.']
    """
    out: list[tuple[int, int]] = []
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if wrapped and m.group(0) == "\n" and not _table_line_break(text, m.start()):
            continue
        if m.group(0).startswith("\n") or _ends_sentence(text, m.start()):
            e = m.start() + (0 if m.group(0).startswith("\n") else 1)
            if text[s:e].strip():
                out.append((s, e))
            s = m.end()
    if text[s:end].strip():
        out.append((s, end))
    return out


def _bare(token: str) -> str:
    return token.strip(",;:()[]“”\"'’").lower().rstrip(".")


def _is_name_token(token: str) -> bool:
    core = token.strip("()[]“”\"'’,;:")
    if not core:
        return False
    if _bare(token) in LEGAL_FORMS:
        return True
    first = core[0]
    return first.isupper() or (first.isdigit() and any(c.isalpha() for c in core))


#: words before a number that is not part of a name ("Item 2", "Page 9", "May 10")
_NUMBER_HEADS = frozenset(
    [
        "item",
        "items",
        "page",
        "no",
        "no.",
        "rule",
        "section",
        "exhibit",
        "schedule",
        "amendment",
        "form",
        "article",
        "note",
        "annex",
        "appendix",
        "part",
        "class",
        "chapter",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_INNER_NUMBER = re.compile(r"\d{1,4},?")


def _inner_number(tokens: list[str], i: int) -> bool:
    """True when ``tokens[i]`` is a number inside a name: "Vieco 10 Limited",
    "Foundation Sub 1, Inc." (a name word before it and one after it)."""
    if not _INNER_NUMBER.fullmatch(tokens[i]) or i == 0 or i + 1 >= len(tokens):
        return False
    before, after = tokens[i - 1], tokens[i + 1]
    if before.endswith((".", ",", ";", ":", ")")) and _bare(before) not in LEGAL_FORMS:
        return False
    if before.lower().strip('(“"') in _NUMBER_HEADS or not before[:1].isupper():
        return False
    if tokens[i].endswith(","):
        return _bare(after) in LEGAL_FORMS
    return _is_name_token(after)


def legal_form_only(name: str) -> bool:
    """True when ``name`` is made of legal-form words alone ("Limited", "Inc.",
    "Company, L.P."): no entity is called that.

    Examples
    --------
    >>> legal_form_only("Limited"), legal_form_only("Group, Inc."), legal_form_only("Vieco 10 Limited")
    (True, True, False)
    """
    words = [_bare(t) for t in name.split()]
    words = [w for w in words if w]
    return bool(words) and all(w in LEGAL_FORMS or w in _CONNECTORS for w in words)


def has_legal_form(name: str) -> bool:
    """True when ``name`` contains a legal-form word such as "Ltd." or "L.P."."""
    return any(_bare(t) in LEGAL_FORMS for t in name.split())


def clean_entity_name(name: str) -> str:
    """``name`` without a leading "the" and surrounding punctuation.

    Examples
    --------
    >>> clean_entity_name("the Issuer,")
    'Issuer'
    >>> clean_entity_name("Beta Holdings LLC."), clean_entity_name("Acme Inc.")
    ('Beta Holdings LLC', 'Acme Inc.')
    """
    name = re.sub(r"\s+", " ", name).strip(" ,;:()“”\"'’\t")
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    last = name.split()[-1] if name.split() else ""
    if name.endswith(".") and not (
        _ABBREV.match(last) or _bare(last) in _DOTTED_FORMS or "." in last[:-1]
    ):
        name = name[:-1]
    return name.strip()


def name_before(text: str) -> str | None:
    """The run of capitalised words (a proper name) that ends ``text``.

    Stops at lower-case words (connectors such as "of" and "&" inside a name are kept)
    and at a sentence end ("... Holdings. Tuspark" gives "Tuspark"). A name cut off
    inside a parenthesis is no name.

    Examples
    --------
    >>> name_before("shares of ASA (Bermuda) Limited"), name_before("Bermuda) Limited") is None
    ('ASA (Bermuda) Limited', True)
    """
    tokens = text.split()
    picked: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if (
            picked
            and tok.endswith((".", ";", ":"))
            and not (_bare(tok) in LEGAL_FORMS or _ABBREV.match(tok))
        ):
            break
        if (
            picked
            and tok.endswith(".")
            and _bare(tok) in LEGAL_FORMS
            and picked[0][:1].isupper()
            and _bare(picked[0]) not in LEGAL_FORMS
        ):
            break  # "Solutions L.L.C. Blackstone Holdings": the name after the full stop
        if picked and tok.endswith(",") and _bare(picked[0]) not in LEGAL_FORMS:
            break
        if (
            _is_name_token(tok)
            or (picked and tok.lower() in _CONNECTORS)
            or (picked and _inner_number(tokens, i))
        ):
            picked.insert(0, tok)
            if len(picked) > 12:
                break
            continue
        break
    while picked and picked[0].lower() in _CONNECTORS - {"the"}:
        picked.pop(0)
    if not picked:
        return None
    name = clean_entity_name(" ".join(picked))
    if name.count(")") > name.count("("):
        return None  # cut off inside a parenthesis: "(Bermuda) Limited" of "ASA (Bermuda) Limited"
    return name or None


def name_after(text: str) -> str | None:
    """The run of capitalised words (a proper name) that starts ``text``."""
    tokens = text.split()
    picked: list[str] = []
    for i, tok in enumerate(tokens):
        if not (
            _is_name_token(tok)
            or (picked and tok.lower() in _CONNECTORS)
            or (picked and _inner_number(tokens, i))
        ):
            break
        picked.append(tok)
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok.endswith((";", ":", ")")) or len(picked) > 12:
            break
        if tok.endswith(",") and _bare(nxt) not in LEGAL_FORMS:
            break
        if (
            tok.endswith(".")
            and not (_bare(tok) in LEGAL_FORMS and _bare(nxt) in LEGAL_FORMS)
            and (not _ABBREV.match(tok) or not nxt[:1].isupper() or _bare(tok) in LEGAL_FORMS)
        ):
            break
    while picked and picked[-1].lower() in _CONNECTORS:
        picked.pop()
    if not picked:
        return None
    return clean_entity_name(" ".join(picked)) or None


def _title_rules() -> list[tuple[re.Pattern[str], list[str]]]:
    """``(pattern, role words)`` for each ``[[title]]`` of ``loaders/vocab/roles.toml``."""
    rules = table("roles")["title"]
    assert isinstance(rules, list)
    return [
        (
            re.compile(r"\b(?:" + "|".join(map(phrase_pattern, r["phrases"])) + r")\b", re.I),
            list(r["kinds"]),
        )
        for r in rules
    ]


#: title words and the role words they give, from ``loaders/vocab/roles.toml``
_TITLE_KINDS = _title_rules()


def title_kinds(title: str) -> list[str]:
    """Normalised role words for a job title, in the order the title names them.

    ``officer`` follows the executive titles (CEO, CFO, president, secretary ...).

    Examples
    --------
    >>> title_kinds("CEO")
    ['ceo', 'officer']
    >>> title_kinds("Independent Director")
    ['independent director', 'director']
    >>> title_kinds("Vice Chairman")
    ['vice chair']
    """
    found: list[tuple[int, list[str]]] = []
    for pattern, kinds in _TITLE_KINDS:
        for m in pattern.finditer(title):
            found.append((m.start(), kinds))
    found.sort(key=lambda p: p[0])
    out: list[str] = []
    for _, kinds in found:
        for k in kinds:
            if k not in out and k != "officer":
                out.append(k)
    if any("officer" in kinds for _, kinds in found):
        out.append("officer")
    return out


_TITLE_WORDS = frozenset(
    [
        "director",
        "directors",
        "manager",
        "managing",
        "chairman",
        "chairwoman",
        "chair",
        "chairperson",
        "vice",
        "chief",
        "executive",
        "officer",
        "financial",
        "operating",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "president",
        "secretary",
        "treasurer",
        "general",
        "counsel",
        "independent",
        "non-executive",
        "member",
        "partner",
        "and",
        "&",
        "senior",
        "executive",
        "deputy",
        "principal",
        "accounting",
        "legal",
        "investment",
        "trustee",
        "supervisor",
        "board",
        "of",
        "the",
        "company",
    ]
)


def split_name_title(cell: str) -> tuple[str, str | None]:
    """Split a "Name and Position" cell: ``("Chuilan ZENG", "Director and Manager")``.

    Examples
    --------
    >>> split_name_title("Chuilan ZENG Director and Manager")
    ('Chuilan ZENG', 'Director and Manager')
    >>> split_name_title("Xiaowei CAI CEO")
    ('Xiaowei CAI', 'CEO')
    >>> split_name_title("John Smith")
    ('John Smith', None)
    """
    cell = re.sub(r"\s+", " ", cell).strip()
    if "," in cell:
        head, _, tail = cell.partition(",")
        if tail.strip() and title_kinds(tail):
            return head.strip(), tail.strip()
    tokens = cell.split(" ")
    cut = len(tokens)
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i].lower().strip(",.") in _TITLE_WORDS:
            cut = i
        else:
            break
    while cut < len(tokens) and tokens[cut].lower() in {"and", "&", "of", "the"}:
        cut += 1
    if cut >= len(tokens) or cut < 1 or not title_kinds(" ".join(tokens[cut:])):
        return cell, None
    return " ".join(tokens[:cut]), " ".join(tokens[cut:])


@dataclass
class Context:
    """What the narrative readers share while reading one document."""

    text: str
    filing: Filing
    document: str = "primary"
    sections: list[tuple[int, int, str]] = field(default_factory=list)
    agreement_terms: dict[str, str] = field(default_factory=dict)  # "SRA" -> agreement key
    transaction_terms: dict[str, int] = field(default_factory=dict)  # term -> index

    def section_at(self, offset: int) -> str:
        """The most specific section that contains ``offset`` ("Filing" when none)."""
        best: tuple[int, str] | None = None
        for start, end, name in self.sections:
            if start <= offset < end and (best is None or end - start < best[0]):
                best = (end - start, name)
        return best[1] if best else "Filing"

    def add_section(self, start: int, end: int, name: str) -> None:
        """Record that ``text[start:end]`` is the section called ``name``."""
        bisect.insort(self.sections, (start, end, name))

    def source(self, start: int, end: int, section: str | None = None) -> Source:
        """A :class:`Source` quoting ``text[start:end]`` (trimmed of blank space)."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return Source(
            section or self.section_at(start),
            self.text[start:end],
            start,
            end,
            self.document,
        )

    # -- entities ---------------------------------------------------------------
    def resolve(self, name: str | None) -> str | None:
        """The key of the entity ``name`` refers to, or ``None`` when unknown."""
        if not name:
            return None
        cleaned = clean_entity_name(name)
        if not cleaned:
            return None
        low = cleaned.lower()
        for ent in self.filing.entities.values():
            if any(s.lower() == low for s in ent.short_names):
                return ent.key
        if low in {"issuer", "company"} and self.filing.issuer:
            return self.filing.issuer
        fp = _fingerprint(cleaned)
        for ent in self.filing.entities.values():
            if any(_fingerprint(n) == fp for n in ent.all_names()):
                return ent.key
        key = entity_key(cleaned)
        if key in self.filing.entities:
            return key
        return None

    def ensure(
        self,
        name: str,
        *,
        kind: EntityKind | None = None,
        source: Source | None = None,
    ) -> str:
        """The key of the entity called ``name``, creating it when it is new."""
        found = self.resolve(name)
        if found is not None:
            ent = self.filing.entities[found]
            if kind is not None and ent.kind == EntityKind.UNKNOWN:
                ent.kind = kind
            full = clean_entity_name(name)
            low = full.lower()
            if (
                full not in ent.all_names()
                and not any(s.lower() == low for s in ent.short_names)
                and low not in {"issuer", "company"}
                and _fingerprint(full) in {_fingerprint(n) for n in ent.all_names()}
            ):
                ent.aliases.append(full)
            return found
        cleaned = clean_entity_name(name)
        if kind is None:
            if has_legal_form(cleaned):
                kind = EntityKind.COMPANY
            elif looks_like_person(cleaned):
                kind = EntityKind.PERSON
            else:
                kind = EntityKind.UNKNOWN
        ent = Entity(key=entity_key(cleaned), name=cleaned, kind=kind, source=source)
        if kind == EntityKind.PERSON:
            ent.given_name, ent.family_name = _split_person_name(cleaned)
        return self.filing.add_entity(ent).key

    def person(self, name: str, source: Source | None = None) -> str:
        """The key of the person called ``name`` ("Will H. Cai, Esq." -> "Will H. Cai")."""
        cleaned = re.sub(
            r"(?:,|(?<![\s,]))\s+(?:Esq\.?|Jr\.|Sr\.|Ph\.?D\.?|CPA)$", "", clean_entity_name(name)
        )
        cleaned = re.sub(r"^(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+", "", cleaned)
        key = self.ensure(cleaned, kind=EntityKind.PERSON, source=source)
        ent = self.filing.entities[key]
        if ent.kind == EntityKind.PERSON and ent.family_name is None:
            ent.given_name, ent.family_name = _split_person_name(cleaned)
        return key

    def issuer_key(self) -> str | None:
        """The issuer's key (the filing's, else the entity defined as "the Company")."""
        return self.filing.issuer or self.resolve("Company")

    def share_class(self, label: str) -> str | None:
        """The key of the issuer's class ``label`` ("A"), creating it when missing."""
        label = label.upper()
        for sc in self.filing.share_classes.values():
            if (sc.label or "").upper() == label:
                return sc.key
        issuer = self.issuer_key()
        if issuer is None:
            return None
        from ownergraph.loaders.sections.cover import share_class_key  # the cover reader's scheme

        title = f"Class {label} ordinary shares"
        key = share_class_key(issuer, title, label)
        if key not in self.filing.share_classes:
            self.filing.share_classes[key] = ShareClass(
                key=key, issuer=issuer, title=title, label=label
            )
        return key


_DESCRIPTION_WORDS = re.compile(
    r"\b(?:limited|liability|exempted|general|private|public|business|statutory|joint|stock|"
    r"partnership|company|corporation|trust|fund|S)\b",
    re.I,
)


def _description_only(name: str) -> bool:
    """True for a description that is no name: "Delaware limited partnership",
    "Cayman Islands exempted company".

    Examples
    --------
    >>> _description_only("Delaware limited partnership"), _description_only("Leviticus Partners, L.P.")
    (True, False)
    """
    from ownergraph.normalize import jurisdiction

    if not _DESCRIPTION_WORDS.search(name):
        return False
    rest = re.sub(r"\s+", " ", _DESCRIPTION_WORDS.sub(" ", name)).strip(" ,")
    return not rest or jurisdiction(rest).code is not None


def _definition_target(ctx: Context, before: str) -> str | None:
    """The entity name a definition parenthesis refers to, from the text before it."""
    before = before.rstrip()
    tail = _DESCRIPTION_TAIL.search(before[-400:])
    candidates = []
    if tail is not None:
        candidates.append(before[-400:][: tail.start()])
    candidates.append(before)
    for cand in candidates:
        name = name_before(cand)
        if not name or legal_form_only(name) or _description_only(name):
            continue  # "a Delaware corporation (the “Company”)" names no entity "corporation"
        if has_legal_form(name) or ctx.resolve(name) is not None:
            return name
    return None


def scan_definitions(ctx: Context) -> None:
    """Attach every defined short name (“Tuspark”), (the “Company”) to its entity.

    Definitions whose target is not a company name (dates, share classes, agreements)
    are left alone; agreements are handled by :mod:`ownergraph.loaders.sections.agreements`.
    """
    text = ctx.text
    for m in DEFINITION.finditer(text):
        term = m.group(1).strip()
        if not term or len(term.split()) > 5 or not term[0].isalnum():
            continue
        low = term.lower()
        if re.search(
            r"\b(?:agreement|shares?|date|act|closing|price|transfer|repurchase|amendment|schedule|rules?|sec|commission|ads|adss|board|vwap|notes?|warrants?|securities)\b",
            low,
        ):
            continue
        begin = sentence_start(text, m.start())
        if text.startswith("(", begin) and begin > 0:
            # a line opening with "(Bermuda) Limited" continues the line before it
            begin = sentence_start(text, begin - 1)
        for _ in range(3):  # a hard-wrapped line ("... by Leviticus\nPartners, L.P., a ...")
            if begin < 2 or text[begin - 1] != "\n" or text[begin - 2] in ".;:\n\t":
                break
            begin = sentence_start(text, begin - 1)
        target = _definition_target(ctx, text[max(begin, m.start() - 400) : m.start()])
        if target is None:
            continue
        if low == "issuer" and ctx.filing.issuer:
            key = ctx.filing.issuer
            ctx.ensure(target)
        else:
            key = ctx.ensure(target, source=ctx.source(m.start(), m.end()))
        ent = ctx.filing.entities[key]
        if term not in ent.short_names and term != ent.name:
            ent.short_names.append(term)
            ent.cite(
                f"short_name:{term}", ctx.source(max(0, m.start() - len(target) - 200), m.end())
            )
            src = ent.field_sources[f"short_name:{term}"]
            # narrow the quote to start at the name itself
            idx = src.quote.rfind(target)
            if idx >= 0 and src.start is not None:
                ent.field_sources[f"short_name:{term}"] = ctx.source(src.start + idx, m.end())
