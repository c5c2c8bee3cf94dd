"""Last pass over a Filing record, whatever format it came from.

- Names: an entity first met in capitals (EDGAR headers, cover pages) is shown by a
  spelling the parties use themselves when the filing has one; capitals stay an alias.
- Restated holdings: a position that the narrative restates ("Tuspark is the beneficial
  owner of 94,415,771 Class A Ordinary Shares") is the cover page's position again, not a
  second holding: its source is added to the cover page and the duplicate dropped, so
  holders are never counted twice.

Examples
--------
>>> from ownergraph.record import CoverPage, Entity, Filing, Holding, Source
>>> f = Filing(form="SC 13D", schedule="13D", issuer="i")
>>> _ = f.add_entity(Entity(key="i", name="ACME CORP", aliases=["Old Name Inc.", "Acme Corp"]))
>>> _ = f.add_entity(Entity(key="h", name="Holder LP"))
>>> f.cover_pages.append(CoverPage(number=1, person="h", aggregate=10))
>>> f.holdings.append(Holding(holder="h", issuer="i", shares=10, source=Source("Item 5", "owns 10")))
>>> reconcile(f)
>>> f.entities["i"].name, len(f.holdings), f.cover_pages[0].field_sources["aggregate:Item 5"].quote
('Acme Corp', 0, 'owns 10')
"""

from __future__ import annotations

from ownergraph.normalize.names import fingerprint
from ownergraph.record import Filing, _shouting

__all__ = ["fold_restated_holdings", "prefer_written_names", "reconcile"]


def prefer_written_names(filing: Filing) -> None:
    """Show each all-capitals name by a mixed-case spelling of it, when one is known."""
    for entity in filing.entities.values():
        if not _shouting(entity.name):
            continue
        same = fingerprint(entity.name)
        # a spelling of the same name, never another name (a former name, a short name)
        written = next(
            (a for a in entity.aliases if not _shouting(a) and fingerprint(a) == same), None
        )
        if written is not None:
            entity.aliases = [a for a in entity.aliases if a != written]
            entity.aliases.insert(0, entity.name)
            entity.name = written


def fold_restated_holdings(filing: Filing) -> None:
    """Drop holdings that restate a cover page's position, keeping their sources."""
    if filing.issuer is None:
        return
    covers = {c.person: c for c in filing.cover_pages}
    kept = []
    for h in filing.holdings:
        cover = covers.get(h.holder)
        same_class = (
            h.share_class is None or cover is None or cover.share_class in (None, h.share_class)
        )
        if (
            cover is not None
            and h.issuer == filing.issuer
            and same_class
            and (h.shares is None or h.shares == cover.aggregate)
            and (h.percent_of_class is None or h.percent_of_class == cover.percent_of_class)
        ):
            for name, src in [("", h.source), *h.field_sources.items()]:
                if src is None:
                    continue
                field = {"shares": "aggregate"}.get(name, name) or "aggregate"
                cover.field_sources.setdefault(f"{field}:{src.section}", src)
            cover.warnings.extend(w for w in h.warnings if w not in cover.warnings)
            continue
        kept.append(h)
    filing.holdings = kept


def reconcile(filing: Filing) -> None:
    """Run every reconciliation step on ``filing``."""
    prefer_written_names(filing)
    fold_restated_holdings(filing)
