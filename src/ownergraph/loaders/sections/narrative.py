"""Items, Schedule A, signatures, exhibits, agreements and transactions from filing text.

:func:`parse_narrative` reads everything after the cover pages. The work is split over
small modules: :mod:`~ownergraph.loaders.sections.items` (Items, the amended filing, Item 2
background), :mod:`~ownergraph.loaders.sections.control` (control statements),
:mod:`~ownergraph.loaders.sections.officers` (Schedule A tables),
:mod:`~ownergraph.loaders.sections.signatures`, :mod:`~ownergraph.loaders.sections.agreements` (exhibit
list, attached and mentioned agreements) and :mod:`~ownergraph.loaders.sections.transactions`
(sales, conversions, holdings, events). Shared helpers live in
:mod:`~ownergraph.loaders.sections.mentions`.

Examples
--------
>>> from ownergraph.record import Filing
>>> text = '''ACME CORP.
... (Name of Issuer)
...
... Item 2. Identity and Background.
...
... Alpha Fund LP, a Delaware limited partnership (the "Fund"). The Fund is a wholly owned subsidiary of Beta Holdings Inc.
...
... SIGNATURE
...
... Dated: May 14, 2021
...
... Alpha Fund LP
...
... By: /s/ Jane Doe
... Name: Jane Doe
... Title: Managing Director
... '''
>>> f = Filing(form="SC 13D", schedule="13D")
>>> parse_narrative(text, f)
>>> [i.number for i in f.items], f.signature_date
(['2'], datetime.date(2021, 5, 14))
>>> [(f.entities[c.controller].name, f.entities[c.controlled].name, c.percent) for c in f.controls]
[('Beta Holdings Inc.', 'Alpha Fund LP', Decimal('100'))]
>>> f.entities[f.controls[0].controlled].jurisdiction.code, f.signatures[0].title
('US-DE', 'Managing Director')
"""

from __future__ import annotations

import re

from ownergraph.errors import LoadError
from ownergraph.loaders.sections.agreements import (
    find_agreement_docs,
    parse_agreement_doc,
    parse_exhibit_list,
    parse_mentioned_agreements,
)
from ownergraph.loaders.sections.control import parse_authority, parse_control
from ownergraph.loaders.sections.items import (
    find_heading_lines,
    parse_amends,
    parse_background,
    parse_items,
    parse_signature_date,
)
from ownergraph.loaders.sections.linear import finditer_keyed
from ownergraph.loaders.sections.mentions import Context, scan_definitions
from ownergraph.loaders.sections.officers import parse_officers
from ownergraph.loaders.sections.signatures import parse_signatures
from ownergraph.loaders.sections.transactions import (
    parse_events,
    parse_holdings,
    parse_transactions,
)
from ownergraph.record import EntityKind, Filing

__all__ = ["parse_narrative"]


#: an issuer's name on the line above its "(Name of Issuer)" caption (found caption first)
_ISSUER_ABOVE = re.compile(
    r"^[ \t]*([^\n]{2,120}?)[ \t]*\n[ \t]*\(Name\s+of\s+(?:the\s+)?Issuer\)", re.M | re.I
)
_ISSUER_CAPTION = re.compile(r"\n[ \t]*\(Name\s+of\s+(?:the\s+)?Issuer\)", re.I)


def _fallback_parties(ctx: Context) -> None:
    """Issuer and reporting persons from the cover when no cover reader filled them."""
    f = ctx.filing
    if f.issuer is None:
        m = next(finditer_keyed(_ISSUER_ABOVE, _ISSUER_CAPTION, ctx.text, before=400), None)
        if m:
            f.issuer = ctx.ensure(
                m.group(1),
                kind=EntityKind.COMPANY,
                source=ctx.source(m.start(1), m.end(1), "Front matter"),
            )
    if not f.cover_pages:
        for m in re.finditer(
            r"NAMES?\s+OF\s+REPORTING\s+PERSONS?[ \t:.]*((?:[^\t\n](?!I\.R\.S))+)", ctx.text
        ):
            name = re.sub(r"(?<!\s)\s*(?:S\.S\.|I\.R\.S\.).*$", "", m.group(1)).strip()
            if len(name) > 2 and not re.search(r"IDENTIFICATION|ENTITIES ONLY", name):
                ctx.ensure(
                    name, source=ctx.source(m.start(1), m.start(1) + len(name), "Cover page")
                )


def parse_narrative(text: str, filing: Filing, *, document: str = "primary") -> None:
    """Fill items, roles, control links, signatures, exhibits, agreements, transactions.

    Parameters
    ----------
    text : str
        Filing text (see :mod:`ownergraph.loaders.formats.textual`).
    filing : Filing
        The record to fill; its issuer and reporting persons are used when present.
    document : str
        The document of the submission the text is, recorded in every source.
    """
    try:
        _parse(text, filing, document)
    except LoadError:
        raise
    except (ValueError, IndexError, KeyError, AttributeError, TypeError, RecursionError) as e:
        raise LoadError(
            filing.path or document, f"cannot read the narrative: {type(e).__name__}: {e}"
        ) from e


def _parse(text: str, filing: Filing, document: str) -> None:
    ctx = Context(text, filing, document)
    _fallback_parties(ctx)
    spans = parse_items(ctx)
    first = spans[0].start if spans else 0
    items_end = spans[-1].end if spans else len(text)
    parse_amends(ctx, first if spans else min(len(text), 20000))
    scan_definitions(ctx)

    sig = re.search(r"^[ \t]*SIGNATURES?[ \t]*$", text[items_end:] if spans else text, re.M)
    sig_start = sig_end = None
    if sig:
        sig_start = (items_end if spans else 0) + sig.start()
        sig_end = len(text)
        for hs, _he, line in find_heading_lines(text):
            if hs > sig_start + 10 and not re.match(r"SIGNATURE", line):
                sig_end = hs
                break
        ctx.add_section(sig_start, sig_end, "Signature")
    parse_signature_date(ctx)

    for s in spans:
        if re.search(r"exhibit", s.title, re.I) or (s.number == "7" and filing.schedule != "13G"):
            parse_exhibit_list(ctx, s.body, s.end)
    index = re.search(r"^[ \t]*EXHIBIT\s+INDEX[ \t]*$", text, re.M)
    if index:
        parse_exhibit_list(ctx, index.end(), min(len(text), index.end() + 5000))

    docs = find_agreement_docs(ctx, items_end)
    parse_officers(ctx)

    narrative_start = first if spans else 0
    head_end = docs[0].start if docs else len(text)
    parse_background(ctx, narrative_start, head_end)
    for d in docs:
        parse_background(ctx, d.start, min(d.end, d.start + 2500))
    control_regions = [(s.body, s.end) for s in spans] or [(0, len(text))]
    for r0, r1 in control_regions:
        parse_control(ctx, r0, r1)
        parse_mentioned_agreements(ctx, r0, r1)
    for r0, r1 in control_regions:
        parse_holdings(ctx, r0, r1)
    # indirect holdings ("through its ownership of") need the direct ones first
    for r0, r1 in control_regions:
        parse_control(ctx, r0, r1, indirect=True)

    for d in docs:
        parse_agreement_doc(ctx, d)
    regions: list[tuple[int, int, str | None]] = [(r0, r1, None) for r0, r1 in control_regions]
    regions += [(d.start, d.end, d.key) for d in docs]
    parse_transactions(ctx, regions)
    for r0, r1 in control_regions:
        parse_events(ctx, r0, r1)
    for d in docs:
        parse_events(ctx, d.start, d.end, d.key)
    if sig_start is not None and sig_end is not None:
        parse_signatures(ctx, sig_start, sig_end)
        # "By: X, its general partner" blocks run on past capitalised party names
        auth_end = min([d.start for d in docs if d.start > sig_start] or [len(text)])
        parse_authority(ctx, sig_start, auth_end)
