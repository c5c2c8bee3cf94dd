"""Control statements: subsidiaries, general partners, sole members, "controlled by".

Each sentence of a region is read clause by clause, so that a chain stated in one
sentence of relative clauses ("A is a wholly owned subsidiary of B, whose majority owner
is C, whose sole shareholder is D") yields one link per clause, each quoting its own
clause. Statements of indirect control ("an indirect wholly owned subsidiary of",
"indirectly controls") become indirect :class:`~ownergraph.record.Holding` records
(``direct=False``) rather than control links, which are direct by definition.

Examples
--------
>>> from ownergraph.record import Filing
>>> from ownergraph.loaders.sections.mentions import Context
>>> t = "Alpha Fund L.P. is a wholly-owned subsidiary of Beta Holdings LLC. Gamma GP LLC is the general partner of Alpha Fund L.P."
>>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
>>> parse_control(ctx, 0, len(t))
>>> names = {k: e.name for k, e in ctx.filing.entities.items()}
>>> [(names[c.controller], names[c.controlled], c.kind.name, c.percent) for c in ctx.filing.controls]
[('Beta Holdings LLC', 'Alpha Fund L.P.', 'WHOLLY_OWNED', Decimal('100')), ('Gamma GP LLC', 'Alpha Fund L.P.', 'GENERAL_PARTNER', None)]

A chain in relative clauses:

>>> t = ("Vieco 10 Limited (“V10”); Virgin Investments Limited (“VIL”); Corvina Holdings Limited (“Corvina”). "
...      "Vieco USA, Inc. is a wholly owned subsidiary of V10, whose majority owner is VIL, "
...      "whose sole managing member is Corvina.")
>>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
>>> from ownergraph.loaders.sections.mentions import scan_definitions
>>> scan_definitions(ctx)
>>> parse_control(ctx, 0, len(t))
>>> names = {k: e.name for k, e in ctx.filing.entities.items()}
>>> [(names[c.controller], names[c.controlled], c.kind.name) for c in ctx.filing.controls]
[('Vieco 10 Limited', 'Vieco USA, Inc.', 'WHOLLY_OWNED'), ('Virgin Investments Limited', 'Vieco 10 Limited', 'MAJORITY'), ('Corvina Holdings Limited', 'Virgin Investments Limited', 'MANAGER')]
>>> [c.source.quote for c in ctx.filing.controls][1:]
['V10, whose majority owner is VIL', 'VIL, whose sole managing member is Corvina']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ownergraph.loaders.sections.mentions import (
    Context,
    has_legal_form,
    legal_form_only,
    name_after,
    name_before,
    sentence_spans,
    sentence_start,
)
from ownergraph.loaders.sections.name_check import name_problem
from ownergraph.loaders.vocab import guarded
from ownergraph.record import ControlKind, ControlLink, EntityKind, Holding

__all__ = ["parse_authority", "parse_control"]

_HUNDRED = Decimal(100)

#: a role one party has towards another ("sole managing member", "general partner")
_ROLE = (
    r"(?P<role>(?:(?:sole|managing|majority|controlling|ultimate|direct|indirect|principal|"
    r"100%|general)\s+)*"
    r"(?:general\s+partner|limited\s+partner|managing\s+member|member|"
    r"investment\s+manager|investment\s+adviser|investment\s+advisor|manager|"
    r"shareholder|stockholder|owner|equity\s+holder|parent(?:\s+company)?|"
    r"controlling\s+person))s?"
)
#: "X is the general partner of Y", "X, as the managing member of Y", "X, the sole member of Y"
_ROLE_OF = guarded(
    r"(?:\b(?P<verb>is|are|was|were|serves\s+as|serve\s+as|serving\s+as|acts\s+as|acting\s+as|as)"
    r"\s+(?:the\s+|a\s+|an\s+|its\s+)?|(?P<appos>,\s+the\s+))" + _ROLE + r"\s+(?:of|for|to)\s+",
    re.I,
)
#: "X is a wholly owned subsidiary of Y", "X, an indirect subsidiary of Y"
_SUBSIDIARY = guarded(
    r"(?:\b(?P<verb>is|are|was|were|becomes?|became|remains?)\s+|(?P<appos>,\s+))"
    r"(?:a|an|the)\s+(?P<qual>(?:(?:direct|indirect|wholly|majority|owned|controlled|and|,)"
    r"[\s-]*){0,6})subsidiar(?:y|ies)\s+of\s+",
    re.I,
)
#: "..., whose sole shareholder is Z"
_WHOSE = guarded(r"\bwhose\s+" + _ROLE + r"\s+(?:is|are|was|were)\s+", re.I)
#: "X is wholly owned by Y", "X is indirectly controlled by Y and Z"
_BY = guarded(
    r"\b(?P<verb>is|are|was|were)\s+(?P<adv>(?:(?:directly|indirectly|ultimately|solely|jointly|"
    r"wholly|majority|beneficially|and)[\s-]+)*)(?P<what>owned|controlled|managed|advised)\s+"
    r"(?:(?:and|or)\s+(?:controlled|managed|owned)\s+)?by\s+",
    re.I,
)
#: "X owns approximately 60% of Y", "X is the indirect holder of 92.2% of the units of Y"
_PERCENT = guarded(
    r"\b(?:(?P<ind>directly|indirectly)\s+)?(?:owns|holds|owned|held|has|had|"
    r"(?:is|was)\s+the\s+(?:(?P<ind2>direct|indirect)\s+)?(?:record\s+|beneficial\s+)?"
    r"(?:holder|owner))\s+(?:of\s+)?(?:(?:a|an)\s+)?"
    r"(?:(?:approximately|about|around|over|more\s+than|less\s+than|in\s+excess\s+of)\s+)?"
    r"(?P<pct>\d{1,3}(?:\.\d{1,4})?)\s*(?:%|percent|per\s+cent)\s+"
    r"(?:(?:equity\s+|economic\s+|voting\s+|ownership\s+)?(?:interest|stake)\s+in\s+|of\s+"
    r"(?:(?:the|its)\s+)?(?:(?:outstanding|issued|voting|total)\s+)*"
    r"(?:(?:share\s+capital|shares|capital\s+stock|stock|equity\s+interests?|membership\s+"
    r"interests?|depositary\s+units|units|partnership\s+interests?|voting\s+power)"
    r"(?:\s+[a-z]+){0,5}?\s+(?:of|in)\s+)?)",
    re.I,
)
#: "X owns and has the ability to appoint and remove the management of Y"
_APPOINTS = guarded(
    r"\b(?P<what>owns|controls)\s+and\s+(?:has|have)\s+the\s+(?:sole\s+)?(?:ability|power|right)"
    r"\s+to\s+(?:appoint|elect|designate)\b[^.;\n]{0,80}?\s+of\s+",
    re.I,
)
#: "X wholly owns Y", "X owns and controls Y", "X indirectly controls Y"
_OWNS = guarded(
    r"\b(?P<ind>(?:directly|indirectly|ultimately)\s+)?(?P<what>wholly\s+owns|owns\s+and\s+controls|"
    r"controls\s+and\s+owns|controls)\s+(?=[A-Z“\"])",
)
#: "X, as a result of its direct control over Y and indirect control over each of ..."
_CONTROL_OVER = guarded(r"\b(?P<dir>direct|indirect)\s+control\s+over\s+", re.I)
#: ``\s(?<!\s\s)\s*`` is ``(?<!\s)\s+`` opening on a space the engine can scan for
_NOT_CONTROLLED = re.compile(
    r"\s(?<!\s\s)\s*(?:is|was)\s+not\s+controlled\s+by\s+any\s+(?:of\s+its\s+)?(?:shareholders?|persons?|entity|one)[^.\n]{0,80}",
    re.I,
)
_THROUGH = re.compile(
    r"(?:,|(?<![\s,]))\s+(?:through|by\s+virtue\s+of)\s+its\s+(?:ownership|control)\s+of\s+([^,]{1,80}),\s+may\s+be\s+deemed\s+to\s+"
    r"(?:share|have)\s+([^.\n]{0,200}?)\s+held\s+(?:directly\s+)?by\s+([^.\n]{1,80}?)\.",
    re.I,
)
_RELATIVE = re.compile(r"(?:,\s*|(?<![\s,])\s+)(?P<each>each\s+of\s+)?(?:which|who)\s*$", re.I)
_LIST_SEP = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*,?\s+as\s+well\s+as\s+)")
_SUBJECT_TAIL = re.compile(
    r"(?:,|\s)+(?:in\s+its\s+capacity|acting|also|currently|now|each|both|in\s+turn)?[\s,]*$", re.I
)
_PRONOUNS = frozenset(
    [
        "it",
        "he",
        "she",
        "they",
        "which",
        "who",
        "each",
        "its",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "such",
    ]
)
_DEFINED_TAIL = re.compile(r"\s*\((?:the\s+)?[“\"‘'](?P<term>[^”\"’'()\n]{1,60})[”\"’']\)[\s,]*$")
_VERB_AHEAD = re.compile(
    r"[\s,]*(?:\([^()\n]{0,60}\)[\s,]*)?(?:is|are|was|were|serves|serve|has|have|owns|holds|"
    r"acts|controls)\b",
    re.I,
)
_TITLES = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+(?P<rest>.+)$")
_TITLE_OF = re.compile(
    r"^(?:(?:Chief|Executive|Financial|Operating|Officer|President|Vice|Chair(?:man)?|Director|"
    r"Managing|Partner|Member|Manager|Board|General|Counsel|Secretary|Treasurer|Senior|the|"
    r"and|of)\s+)*?(?:Officer|President|Chair(?:man)?|Director|Partner|Member|Manager|Board|"
    r"Counsel|Secretary|Treasurer)\s+of\s+(?:the\s+)?(?P<org>[A-Z].*)$"
)


@dataclass(frozen=True)
class _Name:
    """A name written in the text and the entity it refers to."""

    key: str
    start: int
    end: int


def _kind_for_role(role: str) -> tuple[ControlKind | None, Decimal | None, str | None, bool]:
    """(kind, percent, holding nature, direct) for a role word; kind None: no control.

    Examples
    --------
    >>> _kind_for_role("sole shareholder")
    (<ControlKind.WHOLLY_OWNED: 'wholly owned'>, Decimal('100'), 'sole shareholder', True)
    >>> _kind_for_role("sole managing member")[0].name, _kind_for_role("majority owner")[:3]
    ('MANAGER', (<ControlKind.MAJORITY: 'majority'>, None, 'majority owner'))
    >>> _kind_for_role("sole limited partner")
    (None, None, 'sole limited partner', True)
    """
    w = re.sub(r"\s+", " ", role.lower()).strip()
    w = re.sub(r"s$", "", w) if not w.endswith("ss") else w
    direct = not re.search(r"\b(?:indirect|ultimate)\b", w)
    sole = bool(re.search(r"\b(?:sole|100%)\b", w))
    if "limited partner" in w:
        return None, None, w, direct
    if "general partner" in w:
        return ControlKind.GENERAL_PARTNER, None, None, direct
    if "manag" in w or "investment" in w:
        return ControlKind.MANAGER, None, None, direct
    base = w.split()[-1]
    if sole and base in {"member", "shareholder", "stockholder", "owner", "holder"}:
        return ControlKind.WHOLLY_OWNED, _HUNDRED, w, direct
    if re.search(r"\b(?:majority|controlling|parent)\b", w):
        return ControlKind.MAJORITY, None, w, direct
    if base in {"shareholder", "stockholder", "owner", "holder"}:
        return ControlKind.MINORITY, None, w, direct
    return None, None, None, direct


def _subsidiary_kind(qual: str) -> tuple[ControlKind, Decimal | None, str, bool]:
    q = re.sub(r"[\s,-]+", " ", qual.lower()).strip()
    direct = "indirect" not in q or bool(re.search(r"\bdirect\b", q))
    if "wholly" in q:
        nature = "wholly owned subsidiary"
        return (
            ControlKind.WHOLLY_OWNED,
            _HUNDRED,
            nature if direct else "indirect " + nature,
            direct,
        )
    if "majority" in q:
        return ControlKind.MAJORITY, None, "majority owned subsidiary", direct
    return ControlKind.MAJORITY, None, "subsidiary", direct


def _entity(ctx: Context, name: str | None, *, create: bool = True) -> str | None:
    """The entity ``name`` refers to: a known one (by name, defined term, "Mr. Surname"
    or an unambiguous shortening of a known name), else a new one when the name has a
    legal form or is a person's."""
    if not name:
        return None
    name = name.strip()
    if name.lower().split()[0] in _PRONOUNS or (not name[:1].isupper() and not name[:1].isdigit()):
        return None
    found = ctx.resolve(name)
    if found is not None:
        return found
    if legal_form_only(name):
        return None
    title = _TITLE_OF.match(name)
    if title:  # "Chief Executive Officer of Icahn Capital LP": the organization
        return _entity(ctx, title.group("org"), create=create)
    t = _TITLES.match(name)
    if t:
        family = t.group("rest").split()[-1].lower()
        people = [
            e.key
            for e in ctx.filing.entities.values()
            if e.kind == EntityKind.PERSON
            and (e.family_name or e.name.split()[-1]).lower().strip(",.") == family
        ]
        if len(set(people)) > 1:  # "Mr. Icahn": the reporting person of that name
            filers = {e.key for e in ctx.filing.reporting_persons()}
            people = [k for k in people if k in filers]
        return people[0] if len(set(people)) == 1 else None
    short = _shortening(ctx, name)
    if short is not None:
        return short
    if create and has_legal_form(name):
        return ctx.ensure(name)
    return None


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[^\w’'-]+", name.lower()) if w]


def _shortening(ctx: Context, name: str) -> str | None:
    """The one known entity whose name contains the words of ``name`` in order
    ("Advisors VI" of "THL Equity Advisors VI, LLC"); None when none or several."""
    words = _words(name)
    if not words or has_legal_form(name):
        return None
    hits: set[str] = set()
    for ent in ctx.filing.entities.values():
        for full in ent.all_names():
            have = _words(full)
            if len(have) <= len(words):
                continue
            if len(words) == 1 and have[0] != words[0]:
                continue
            it = iter(have)
            if all(w in it for w in words):
                hits.add(ent.key)
    return hits.pop() if len(hits) == 1 else None


def _names_after(ctx: Context, pos: int, limit: int) -> list[_Name]:
    """The names listed at ``pos``: "Y", "each of A, B and C", "A and B"."""
    text = ctx.text
    m = re.compile(r"\s*(?:(?:each|both|all)\s+of\s+|both\s+)?(?:the\s+)?", re.I).match(text, pos)
    i = m.end() if m else pos
    out: list[_Name] = []
    while i < limit and len(out) < 20:
        name = name_after(text[i : min(limit, i + 200)])
        if name:
            name = re.split(r"\s*\((?:the\s+)?[“\"‘']", name)[0].strip(" ,") or None
        if not name:
            break
        key = _entity(ctx, name)
        if key is None:
            break
        if out and _is_person(ctx, key) != _is_person(ctx, out[0].key):
            break  # "the general partner of Coconut Palm, and Richard C. Rochon ..."
        first = name.split()[0]
        at = text.find(first, i, i + 40)
        start = at if at >= 0 else i
        end = min(limit, _end_of(text, name, start))
        out.append(_Name(key, start, end))
        sep = _LIST_SEP.match(text, end)
        if not sep:
            break
        i = sep.end()
        nxt = name_after(text[i : min(limit, i + 200)])
        if not nxt or (ctx.resolve(nxt) is None and not has_legal_form(nxt)):
            break
        nxt_end = _end_of(text, nxt, i)
        if _VERB_AHEAD.match(text, nxt_end):
            break  # "the general partner of A, and B is the ...": B starts a new clause
    return out


def _is_person(ctx: Context, key: str) -> bool:
    ent = ctx.filing.entities[key]
    return ent.kind == EntityKind.PERSON and not has_legal_form(ent.name)


def _names_before(ctx: Context, floor: int, pos: int, *, many: bool) -> list[_Name]:
    """The name (or, with ``many``, the list of names "A, B and C") ending at ``pos``."""
    text = ctx.text
    out: list[_Name] = []
    end = pos
    while end > floor and len(out) < 20:
        head = text[floor:end]
        defined = _DEFINED_TAIL.search(head)
        if defined:  # "Vertex GP, LLC, a Delaware company (“Vertex GP”), which ..."
            key = ctx.resolve(defined.group("term"))
            if key is None:
                head = head[: defined.start()]
            else:
                start = (
                    floor
                    + defined.start()
                    + (len(defined.group(0)) - len(defined.group(0).lstrip()))
                )
                out.insert(0, _Name(key, start, end))
                break
        name = name_before(head)
        if not name:
            break
        key = _entity(ctx, name)
        if key is None:
            break
        title = _TITLE_OF.match(name)
        first = (title.group("org") if title else name).split()[0]
        at = text.rfind(first, floor, floor + len(head))
        start = at if at >= 0 else floor
        out.insert(0, _Name(key, start, end))
        if not many:
            break
        sep = re.search(r"(?:,\s*(?:and\s+)?|\s+and\s+)$", text[max(floor, start - 12) : start])
        if not sep:
            break
        end = start - len(sep.group(0))
    return out


def _end_of(text: str, name: str, pos: int) -> int:
    """Where ``name`` ends in ``text`` after ``pos``; a cleaned name that is not written
    verbatim (quotes, spacing) ends the quote about the name's length after ``pos``,
    never before it (``find`` gave -1, a span ending before it starts and an empty quote).

    Examples
    --------
    >>> _end_of("Mr. Gould is the sole member of Georgetown Partners, Inc.", "Georgetown", 30)
    42
    >>> _end_of("is the sole member of “X Co” Inc.", "X Co Inc.", 21)
    32
    """
    at = text.find(name, pos)
    if at >= 0:
        return at + len(name)
    return min(len(text), pos + max(len(name), 1) + 2)


def _add(
    ctx: Context,
    controller: str,
    controlled: str,
    kind: ControlKind | None,
    percent: Decimal | None,
    start: int,
    end: int,
    nature: str | None = None,
    *,
    direct: bool = True,
    generic: bool = False,
) -> None:
    """A control link (direct ones) and a holding (when a percentage or an ownership is
    stated, or the control is indirect) quoting ``text[start:end]``."""
    if controller == controlled:
        return
    src = ctx.source(start, end)
    if direct and kind is not None:
        for c in ctx.filing.controls:
            same = (c.controller, c.controlled) == (controller, controlled)
            if same and (c.kind == kind or generic):
                return
        ctx.filing.controls.append(
            ControlLink(
                controller=controller,
                controlled=controlled,
                kind=kind,
                percent=percent,
                source=src,
            )
        )
    if percent is None and not nature and direct:
        return
    for h in ctx.filing.holdings:
        if (h.holder, h.issuer, h.direct, h.nature) == (controller, controlled, direct, nature):
            return
    h = Holding(
        holder=controller,
        issuer=controlled,
        percent_of_class=percent,
        direct=direct,
        nature=nature,
        source=src,
    )
    if percent is not None:
        h.cite("percent_of_class", src)
    ctx.filing.holdings.append(h)


def _subjects(
    ctx: Context, s0: int, m: re.Match[str], *, plural: bool = False
) -> tuple[list[_Name], bool]:
    """The parties a clause at ``m`` speaks of, and whether they are a relative
    clause's antecedent ("V10, whose ...", "Icahn Enterprises GP, which is ...")."""
    text = ctx.text
    pre_end = m.start()
    if text[m.start() : m.start() + 5].lower() == "whose":
        rel_end: int | None = pre_end
        each = False
    else:
        rel = _RELATIVE.search(text, max(s0, pre_end - 20), pre_end)
        rel_end = rel.start() if rel else None
        each = bool(rel and rel.group("each"))
    if rel_end is not None:
        end = rel_end
        while end > s0 and text[end - 1] in " ,":
            end -= 1
        return _names_before(ctx, s0, end, many=each), True
    tail = _SUBJECT_TAIL.search(text, max(s0, pre_end - 30), pre_end)
    end = tail.start() if tail else pre_end
    lead = text[s0:end].lstrip()
    many = plural or bool(re.match(r"(?:each|both|all)\s+of\b", lead, re.I))
    names = _names_before(ctx, s0, end, many=many)
    if not names and (m.groupdict().get("verb") or "").lower().startswith(("serving", "acting")):
        head = re.match(r"\s*(?:the\s+)?", text[s0:pre_end])
        first = name_after(text[s0 + (head.end() if head else 0) : pre_end])
        key = _entity(ctx, first, create=False)
        if key is not None and first is not None:
            at = text.find(first.split()[0], s0, pre_end)
            names = [_Name(key, at, at + len(first))]
    return names, False


#: the statement patterns of a sentence, each with the words one of which every match
#: of it contains (lower case; for ``_OWNS``, which is case-sensitive, as written)
_STATEMENTS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    (
        "role",
        _ROLE_OF,
        ("partner", "member", "manager", "advis", "holder", "owner", "parent", "person"),
    ),
    ("sub", _SUBSIDIARY, ("subsidiar",)),
    ("whose", _WHOSE, ("whose",)),
    ("by", _BY, ("owned", "controlled", "managed", "advised")),
    ("pct", _PERCENT, ("%", "per")),
    ("appoints", _APPOINTS, ("appoint", "elect", "designate")),
    ("owns", _OWNS, ("owns", "controls")),
    ("over", _CONTROL_OVER, ("control",)),
)


def _matches(text: str, s0: int, s1: int) -> Iterator[tuple[str, re.Match[str]]]:
    found: list[tuple[int, str, re.Match[str]]] = []
    sentence = text[s0:s1]
    # a pattern whose words are all absent cannot match: skip it. Only for ASCII text,
    # where lower() is what the patterns' case-insensitive matching folds
    low = sentence.lower() if sentence.isascii() else None
    for tag, rx, words in _STATEMENTS:
        seen = sentence if rx is _OWNS else low
        if seen is not None:
            for w in words:
                if w in seen:
                    break
            else:
                continue
        for m in rx.finditer(text, s0, s1):
            found.append((m.start(), tag, m))
    found.sort(key=lambda t: t[0])
    taken = -1
    for start, tag, m in found:
        if start < taken:
            continue  # "is the general partner of" inside a longer match
        taken = m.end()
        yield tag, m


def _sentence(ctx: Context, s0: int, s1: int) -> None:
    text = ctx.text
    issuer = ctx.issuer_key()
    appositives: dict[int, list[_Name]] = {}  # where "X, a subsidiary of Y," ends -> X
    for tag, m in _matches(text, s0, s1):
        verb = (m.groupdict().get("verb") or "").lower()
        plural = verb in {"are", "were"}
        if tag == "over":
            _control_over(ctx, s0, s1, m)
            continue
        before = text[s0 : m.start()].rstrip(" ,")
        if s0 + len(before) in appositives:
            subjects = appositives[s0 + len(before)]
        else:
            subjects, _relative = _subjects(ctx, s0, m, plural=plural)
        objects = _names_after(ctx, m.end(), s1)
        if not subjects or not objects:
            continue
        if m.groupdict().get("appos"):
            appositives[objects[-1].end] = subjects
        for obj in objects:
            for subj in subjects:
                lo, hi = min(subj.start, m.start()), obj.end
                if tag == "role":
                    kind, pct, nature, direct = _kind_for_role(m.group("role"))
                    if kind is None and nature is None:
                        continue
                    _add(ctx, subj.key, obj.key, kind, pct, lo, hi, nature, direct=direct)
                elif tag == "whose":
                    kind, pct, nature, direct = _kind_for_role(m.group("role"))
                    if kind is None and nature is None:
                        continue
                    _add(ctx, obj.key, subj.key, kind, pct, lo, hi, nature, direct=direct)
                elif tag == "sub":
                    kind, pct, nature, direct = _subsidiary_kind(m.group("qual"))
                    _add(ctx, obj.key, subj.key, kind, pct, lo, hi, nature, direct=direct)
                elif tag == "by":
                    _by(ctx, m, subj, obj, len(objects), lo, hi)
                elif tag == "pct":
                    if obj.key == issuer:
                        continue  # a stake in the issuer: the holdings reader's
                    pct = Decimal(m.group("pct"))
                    direct = not (m.group("ind") or m.group("ind2") or "").lower().startswith("ind")
                    kind = (
                        ControlKind.WHOLLY_OWNED
                        if pct == _HUNDRED
                        else ControlKind.MAJORITY
                        if pct > 50
                        else ControlKind.MINORITY
                    )
                    nature = None if direct else "indirect holder"
                    _add(ctx, subj.key, obj.key, kind, pct, lo, hi, nature, direct=direct)
                elif tag == "appoints":
                    owns = m.group("what").lower() == "owns"
                    kind = ControlKind.MAJORITY if owns else ControlKind.OFFICER
                    _add(ctx, subj.key, obj.key, kind, None, lo, hi, "owner" if owns else None)
                elif tag == "owns":
                    what = m.group("what").lower()
                    direct = not m.group("ind")
                    if what.startswith("wholly"):
                        kind, pct, nature = ControlKind.WHOLLY_OWNED, _HUNDRED, "wholly owned"
                    elif "owns" in what:
                        kind, pct, nature = ControlKind.MAJORITY, None, "owner"
                    else:
                        kind, pct, nature = ControlKind.OFFICER, None, None
                    if not direct:
                        nature = f"indirect: {m.group(0).strip()}"
                    _add(ctx, subj.key, obj.key, kind, pct, lo, hi, nature, direct=direct)


def _by(
    ctx: Context, m: re.Match[str], subj: _Name, obj: _Name, owners: int, lo: int, hi: int
) -> None:
    adv = m.group("adv").lower()
    what = m.group("what").lower()
    owned = what == "owned"
    if what in {"managed", "advised"}:
        _add(
            ctx, obj.key, subj.key, ControlKind.MANAGER, None, lo, hi, direct="indirect" not in adv
        )
        return
    direct = not re.search(r"indirectly|ultimately", adv)
    kind: ControlKind
    pct: Decimal | None
    nature: str | None
    if "wholly" in adv:
        kind, pct, nature = ControlKind.WHOLLY_OWNED, _HUNDRED, "wholly owned"
    elif "majority" in adv:
        kind, pct, nature = ControlKind.MAJORITY, None, "majority owned"
    elif owned and owners > 1:
        kind, pct, nature = ControlKind.MINORITY, None, "owner"
    elif ctx.filing.entities[obj.key].kind == EntityKind.PERSON:
        kind, pct, nature = ControlKind.OFFICER, None, "owner" if owned else None
    else:
        kind, pct, nature = ControlKind.MAJORITY, None, "owner" if owned else None
    if not direct:
        nature = f"indirectly {'owned' if owned else 'controlled'}"
    _add(ctx, obj.key, subj.key, kind, pct, lo, hi, nature, direct=direct)


def _control_over(ctx: Context, s0: int, s1: int, m: re.Match[str]) -> None:
    """ "X, as a result of its direct control over Y and indirect control over each of
    the following entities, ... held of record by each of A, B and C"."""
    text = ctx.text
    lead = re.match(r"\s*", text[s0:s1])
    first = name_after(text[s0 + (lead.end() if lead else 0) : m.start()])
    subj = _entity(ctx, first, create=False)
    if subj is None or first is None:
        return
    at = text.find(first.split()[0], s0)
    direct = m.group("dir").lower() == "direct"
    after = text[m.end() : s1]
    if re.match(r"(?:each\s+of\s+)?the\s+following\s+entities", after, re.I):
        rec = re.compile(r"\bheld\s+of\s+record\s+by\s+", re.I).search(text, m.end(), s1)
        if rec is None:
            return
        objects = _names_after(ctx, rec.end(), s1)
    else:
        objects = _names_after(ctx, m.end(), s1)
    for obj in objects:
        # the kind of control is not stated: a holding that names it, no control link
        end = obj.end if direct else max(obj.end, m.end())
        nature = "direct control" if direct else "indirect control"
        _add(ctx, subj, obj.key, None, None, at, end, nature, direct=direct)


def parse_control(ctx: Context, start: int, end: int, *, indirect: bool = False) -> None:
    """Add control links and holdings stated in ``text[start:end]``.

    With ``indirect=True`` only the indirect holdings ("B, through its ownership of A,
    may be deemed to share voting power over the shares held by A") are read; run it
    after the direct holdings are known.
    """
    text = ctx.text
    if indirect:
        _indirect(ctx, start, end)
        return
    for s0, s1 in sentence_spans(text, start, end, wrapped=True):
        _sentence(ctx, s0, s1)
    region = text[start:end]
    ascii_low = region.lower() if region.isascii() else None
    for m in (
        _NOT_CONTROLLED.finditer(text, start, end)
        if ascii_low is None or "controlled" in ascii_low
        else ()
    ):
        s0 = sentence_start(text, m.start() + 1, start)
        subj = name_before(text[s0 : m.start() + 1])
        key = ctx.resolve(subj) if subj else None
        if key is None or subj is None:
            continue
        at = text.rfind(subj.split()[0], s0, m.start() + 1)
        ent = ctx.filing.entities[key]
        ent.no_controlling_holder = True
        stop = text.find(".", m.end() - 1, m.end() + 5)
        ent.cite(
            "no_controlling_holder",
            ctx.source(at if at >= 0 else s0, stop if stop > 0 else m.end()),
        )


_BY_LINE = re.compile(
    r"(?P<name>[^\n/]{2,120}?),?\s+(?:as\s+)?its\s+(?P<role>[A-Za-z][A-Za-z \-]{1,40}?)[\s,.;]*$"
)
_BY_SPLIT = re.compile(r"\bBy\s*:\s*")


def parse_authority(ctx: Context, start: int, end: int) -> None:
    """Control links from signature blocks in which one party signs for another:
    "THL EQUITY ADVISORS VI, LLC / By: THOMAS H. LEE PARTNERS, L.P. its sole member /
    By: THOMAS H. LEE ADVISORS, LLC its general partner / By: /s/ ...".

    Examples
    --------
    >>> from ownergraph.record import Filing
    >>> t = "ALPHA FUND VI, L.P.\\n\\nBy: Alpha GP, LLC, its general partner\\n\\nBy: Alpha Holdings L.P. its sole member\\n\\nBy: /s/ Jane Doe\\n"
    >>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
    >>> parse_authority(ctx, 0, len(t))
    >>> names = {k: e.name for k, e in ctx.filing.entities.items()}
    >>> [(names[c.controller], names[c.controlled], c.kind.name) for c in ctx.filing.controls]
    [('Alpha GP, LLC', 'ALPHA FUND VI, L.P.', 'GENERAL_PARTNER'), ('Alpha Holdings L.P.', 'Alpha GP, LLC', 'WHOLLY_OWNED')]
    """
    text = ctx.text
    party: str | None = None
    party_at = start
    for at, line_end, line in _lines(text, start, end):
        if "/s/" in line:
            party = None
            continue
        if re.match(r"(?:Name|Title|Date|Dated)\s*:", line, re.I):
            continue
        if line and not _BY_SPLIT.match(line):
            if line[:1] == "(" or line[:1].islower() or name_problem(line) is not None:
                party = None  # the end of a name broken over two lines, or no name
            elif has_legal_form(line) and len(line) < 120 and not legal_form_only(line):
                party, party_at = _entity(ctx, line.rstrip(":")), at
            continue
        for seg in _BY_SPLIT.split(line)[1:]:
            m = _BY_LINE.match(seg.strip())
            if m is None:
                continue
            key = _entity(ctx, m.group("name").strip(" ,"))
            if key is None:
                continue
            kind, pct, nature, direct = _kind_for_role(m.group("role"))
            if party is not None and kind is not None:
                _add(ctx, key, party, kind, pct, party_at, line_end, nature, direct=direct)
            party, party_at = key, at


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of the non-blank lines; a line "its managing member"
    is joined to the "By: X" line above it."""
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        line = m.group(0).strip()
        if not line:
            continue
        a = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        b = start + m.end()
        if out and re.match(r"(?:as\s+)?its\s", line) and _BY_SPLIT.match(out[-1][2]):
            pa, _, prev = out[-1]
            out[-1] = (pa, b, f"{prev} {line}")
            continue
        out.append((a, b, line))
    return out


def _indirect(ctx: Context, start: int, end: int) -> None:
    text = ctx.text
    region = text[start:end]
    low = region.lower() if region.isascii() else None  # re.I folds ASCII as lower()
    if low is not None and ("deemed" not in low or ("through" not in low and "virtue" not in low)):
        return  # every statement says "through" or "by virtue of" ... "may be deemed"
    for m in _THROUGH.finditer(text, start, end):
        s0 = sentence_start(text, m.start(), start)
        subj = name_before(text[s0 : m.start()])
        holder = ctx.resolve(subj) if subj else None
        via = ctx.resolve(m.group(1))
        issuer = ctx.issuer_key()
        if holder is None or via is None or issuer is None or subj is None:
            continue
        at = text.rfind(subj.split()[0], s0, m.start())
        src = ctx.source(at if at >= 0 else s0, m.end())
        direct = next(
            (
                h
                for h in ctx.filing.holdings
                if h.holder == via and h.issuer == issuer and h.direct and h.shares
            ),
            None,
        )
        h = Holding(
            holder=holder,
            issuer=issuer,
            direct=False,
            nature=f"indirect, through its ownership of {ctx.filing.entities[via].name}; may be deemed to share {m.group(2).strip()}",
            source=src,
        )
        if direct is not None:
            h.shares, h.share_class = direct.shares, direct.share_class
            h.percent_of_class = direct.percent_of_class
            h.cite("shares", direct.source)
        ctx.filing.holdings.append(h)
