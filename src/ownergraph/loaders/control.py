"""Control statements: subsidiaries, general partners, sole members, "controlled by".

Examples
--------
>>> from ownergraph.record import Filing
>>> from ownergraph.loaders.mentions import Context
>>> t = "Alpha Fund L.P. is a wholly-owned subsidiary of Beta Holdings LLC. Gamma GP LLC is the general partner of Alpha Fund L.P."
>>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
>>> parse_control(ctx, 0, len(t))
>>> names = {k: e.name for k, e in ctx.filing.entities.items()}
>>> [(names[c.controller], names[c.controlled], c.kind.name, c.percent) for c in ctx.filing.controls]
[('Beta Holdings LLC', 'Alpha Fund L.P.', 'WHOLLY_OWNED', Decimal('100')), ('Gamma GP LLC', 'Alpha Fund L.P.', 'GENERAL_PARTNER', None)]
"""

from __future__ import annotations

import re
from decimal import Decimal

from ownergraph.loaders.mentions import Context, name_after, name_before, sentence_start
from ownergraph.record import ControlKind, ControlLink, EntityKind, Holding

__all__ = ["parse_control"]

_VERB = r"(?:is|are|was|serves\s+as)"
# "A is a wholly owned subsidiary of B": controller is the object (B)
_SUBSIDIARY = re.compile(
    _VERB + r"\s+(?:a|an|the)\s+(?:(?:direct|indirect)(?:\s+and\s+indirect)?,?\s+)?"
    r"(wholly[\s-]+owned|majority[\s-]+owned|controlled)?\s*subsidiary\s+of\s+",
    re.I,
)
# "A is the general partner of B": controller is the subject (A)
_OF_ROLE = re.compile(
    _VERB + r"\s+(?:the\s+)?(sole\s+)?(general\s+partner|managing\s+member|sole\s+member|member|"
    r"investment\s+manager|investment\s+adviser|investment\s+advisor|manager|sole\s+shareholder|"
    r"sole\s+owner|parent(?:\s+company)?|majority\s+(?:owner|shareholder)|controlling\s+(?:shareholder|person))"
    r"\s+of\s+",
    re.I,
)
_CONTROLLED_BY = re.compile(
    _VERB
    + r"\s+(?:(?:directly|indirectly|ultimately|solely)\s+)?(?:wholly[\s-]+)?(owned|controlled)\s+(?:and\s+controlled\s+)?by\s+",
    re.I,
)
_NOT_CONTROLLED = re.compile(
    r"\s+(?:is|was)\s+not\s+controlled\s+by\s+any\s+(?:of\s+its\s+)?(?:shareholders?|persons?|entity|one)[^.\n]{0,80}",
    re.I,
)
_THROUGH = re.compile(
    r",?\s+(?:through|by\s+virtue\s+of)\s+its\s+(?:ownership|control)\s+of\s+([^,]{1,80}),\s+may\s+be\s+deemed\s+to\s+"
    r"(?:share|have)\s+([^.\n]{0,200}?)\s+held\s+(?:directly\s+)?by\s+([^.\n]{1,80}?)\.",
    re.I,
)


def _sentence_start(text: str, pos: int, floor: int) -> int:
    return sentence_start(text, pos, floor)


def _kind_for(word: str, sole: bool) -> tuple[ControlKind, Decimal | None]:
    w = re.sub(r"\s+", " ", word.lower())
    if w in {"sole member", "sole shareholder", "sole owner"} or (
        sole and w in {"member", "shareholder"}
    ):
        return ControlKind.WHOLLY_OWNED, Decimal(100)
    if w == "general partner":
        return ControlKind.GENERAL_PARTNER, None
    if w.startswith("investment") or w in {"manager", "managing member"}:
        return ControlKind.MANAGER, None
    if w.startswith("majority") or w.startswith("parent") or w.startswith("controlling"):
        return ControlKind.MAJORITY, None
    return ControlKind.MINORITY, None


def _add(
    ctx: Context,
    controller: str,
    controlled: str,
    kind: ControlKind,
    percent: Decimal | None,
    start: int,
    end: int,
    nature: str | None = None,
) -> None:
    if controller == controlled:
        return
    src = ctx.source(start, end)
    for c in ctx.filing.controls:
        if (c.controller, c.controlled, c.kind) == (controller, controlled, kind):
            return
    link = ControlLink(
        controller=controller, controlled=controlled, kind=kind, percent=percent, source=src
    )
    ctx.filing.controls.append(link)
    if percent is not None or nature:
        h = Holding(
            holder=controller,
            issuer=controlled,
            percent_of_class=percent,
            nature=nature,
            source=src,
        )
        if percent is not None:
            h.cite("percent_of_class", src)
        ctx.filing.holdings.append(h)


def _subject(ctx: Context, floor: int, pos: int) -> tuple[str | None, int]:
    start = _sentence_start(ctx.text, pos, floor)
    name = name_before(ctx.text[start:pos])
    if not name:
        return None, start
    at = ctx.text.rfind(name.split()[0], start, pos)
    return name, at if at >= 0 else start


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


def _entity(ctx: Context, name: str | None) -> str | None:
    if not name or name.lower() in {"it", "he", "she", "which", "each"}:
        return None
    return ctx.resolve(name) or ctx.ensure(name)


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
    for m in _SUBSIDIARY.finditer(text, start, end):
        subj, s0 = _subject(ctx, start, m.start())
        obj = name_after(text[m.end() : m.end() + 200])
        a, b = _entity(ctx, subj), _entity(ctx, obj)
        if a is None or b is None:
            continue
        qualifier = (m.group(1) or "").lower().replace("-", " ")
        qualifier = re.sub(r"\s+", " ", qualifier)
        if qualifier == "wholly owned":
            kind, pct, nature = ControlKind.WHOLLY_OWNED, Decimal(100), "wholly owned subsidiary"
        else:
            kind, pct, nature = ControlKind.MAJORITY, None, None
        assert obj is not None
        stop = _end_of(text, obj, m.end())
        _add(ctx, b, a, kind, pct, s0, stop, nature)
    for m in _OF_ROLE.finditer(text, start, end):
        subj, s0 = _subject(ctx, start, m.start())
        obj = name_after(text[m.end() : m.end() + 200])
        a, b = _entity(ctx, subj), _entity(ctx, obj)
        if a is None or b is None:
            continue
        kind, pct = _kind_for(m.group(2), bool(m.group(1)))
        assert obj is not None
        stop = _end_of(text, obj, m.end())
        nature = "sole member" if pct is not None else None
        _add(ctx, a, b, kind, pct, s0, stop, nature)
    for m in _CONTROLLED_BY.finditer(text, start, end):
        subj, s0 = _subject(ctx, start, m.start())
        obj = name_after(text[m.end() : m.end() + 200])
        a, b = _entity(ctx, subj), _entity(ctx, obj)
        if a is None or b is None:
            continue
        wholly = "wholly" in m.group(0).lower()
        kind = (
            ControlKind.WHOLLY_OWNED
            if wholly
            else (
                ControlKind.OFFICER
                if ctx.filing.entities[b].kind == EntityKind.PERSON
                else ControlKind.MAJORITY
            )
        )
        assert obj is not None
        stop = _end_of(text, obj, m.end())
        _add(
            ctx,
            b,
            a,
            kind,
            Decimal(100) if wholly else None,
            s0,
            stop,
            "wholly owned" if wholly else None,
        )
    for m in _NOT_CONTROLLED.finditer(text, start, end):
        subj, s0 = _subject(ctx, start, m.start() + 1)
        key = ctx.resolve(subj) if subj else None
        if key is None:
            continue
        ent = ctx.filing.entities[key]
        ent.no_controlling_holder = True
        stop = text.find(".", m.end() - 1, m.end() + 5)
        ent.cite("no_controlling_holder", ctx.source(s0, stop if stop > 0 else m.end()))


def _indirect(ctx: Context, start: int, end: int) -> None:
    text = ctx.text
    for m in _THROUGH.finditer(text, start, end):
        subj, s0 = _subject(ctx, start, m.start())
        holder = ctx.resolve(subj) if subj else None
        via = ctx.resolve(m.group(1))
        issuer = ctx.issuer_key()
        if holder is None or via is None or issuer is None:
            continue
        src = ctx.source(s0, m.end())
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
