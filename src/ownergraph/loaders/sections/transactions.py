"""Sales, repurchases, conversions, stated holdings and events (resignations, rights ending).

Examples
--------
>>> from ownergraph.record import Filing
>>> from ownergraph.loaders.sections.mentions import Context
>>> t = "On May 1, 2020, Alpha Capital LLC agreed to sell to Beta Partners L.P. 1,000 shares of Common Stock at a price of $2.50 per share."
>>> ctx = Context(t, Filing(form="SC 13D", schedule="13D"))
>>> parse_transactions(ctx, [(0, len(t), None)])
>>> tx = ctx.filing.transactions[0]
>>> e = ctx.filing.entities
>>> (tx.kind, e[tx.seller].name, e[tx.buyer].name, tx.shares, tx.price_per_share, tx.currency, tx.date)
('sale', 'Alpha Capital LLC', 'Beta Partners L.P.', 1000, Decimal('2.50'), 'USD', datetime.date(2020, 5, 1))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ownergraph.loaders.sections.linear import finditer_keyed
from ownergraph.loaders.sections.mentions import (
    DEFINITION,
    Context,
    name_after,
    name_before,
    sentence_spans,
)
from ownergraph.loaders.sections.trade_tables import parse_trade_tables
from ownergraph.normalize import parse_date, parse_money, whole_number
from ownergraph.record import (
    Agreement,
    AgreementParty,
    EntityKind,
    Event,
    Holding,
    Role,
    Source,
    Transaction,
)

__all__ = ["parse_holdings", "parse_transactions"]

_DATE = (
    r"(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2},?\s+\d{4})"
)
#: "... has hereby agreed to ": the words before the verb, each after a space. Written to
#: open on the first space of the run (``\s(?<!\s\s)\s*``, then each word followed by
#: its spaces) so that the engine scans for a space; the same matches as
#: ``(?<!\s)(?:\s+(?:hereby|...)){0,4}\s+(?:agreed|...)\s+to\s+``
_AGREE = r"\s(?<!\s\s)\s*(?:(?:hereby|irrevocably|has|have|had|shall|will|also)\s+){0,4}(?:agreed|agrees|agree|entered\s+into\s+an\s+agreement)\s+to\s+"
_SELL_TO = re.compile(_AGREE + r"(?:sell|transfer)\s+to\s+", re.I)
_BUY_FROM = re.compile(_AGREE + r"(?:re)?(?:purchase|acquire|buy)\s+from\s+", re.I)
_SHARES = re.compile(
    r"(?<![\d,])(\d{1,3}(?:,\d{3})+|\d{2,})\s+(?:[A-Z][\w\-]*\s+){0,2}?(?:(?:Class|Series)\s+([A-Z0-9])\s+)?"
    r"(?:ordinary\s+shares|common\s+shares|shares|common\s+stock|ADSs|units)",
    re.I,
)
_PRICE = re.compile(
    r"price\s+of\s+((?:US|HK|U\.S\.\s?)?\$\s?[\d,]*\.?\d+|[\d,]*\.?\d+\s+(?:USD|HKD|RMB))\s+per\s+(?:ordinary\s+)?(?:share|unit)",
    re.I,
)
_AGGREGATE = re.compile(
    r"aggregate\s+(?:purchase\s+|repurchase\s+|sale\s+)?(?:price|consideration)\s+of\s+((?:US|HK)?\$\s?[\d,]+(?:\.\d+)?(?:\s+(?:million|billion))?)",
    re.I,
)
#: the money amounts a sentence may state, and the transaction field each fills
_AMOUNTS = ((_PRICE, "price_per_share"), (_AGGREGATE, "aggregate_amount"))
_SAME_PRICE = re.compile(
    r"same\s+price\s+per\s+share\s+(?:agreed\s+to\s+|paid\s+)?(?:in|as|under|for)\s+(?:the\s+)?([A-Z][^,.;]{2,60})",
    re.I,
)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return sentence_spans(text, start, end)


def _after_name(ctx: Context, text: str) -> str | None:
    text = re.sub(r"^\s*(?:the|The)\s+", "", text)
    return name_after(text)


def _entity(ctx: Context, name: str | None) -> str | None:
    if not name:
        return None
    return ctx.resolve(name) or ctx.ensure(name)


@dataclass
class _Conversion:
    holder: str | None
    from_label: str
    to_label: str
    shares: int
    explicit: bool  # "convert N shares into" (True) or "N shares ... were converted" (False)
    completed: bool
    start: int
    end: int
    agreement: str | None


def _find_tx(
    ctx: Context, seller: str | None, buyer: str | None, shares: int | None
) -> Transaction | None:
    for t in ctx.filing.transactions:
        if (
            t.kind != "conversion"
            and t.seller == seller
            and t.buyer == buyer
            and t.shares == shares
        ):
            return t
    return None


def _merge(tx: Transaction, field: str, value: object, src_section: str, src: Source) -> None:
    current = getattr(tx, field)
    if value is None:
        return
    if current is None:
        setattr(tx, field, value)
        tx.cite(field, src)
    elif current != value:
        first = tx.field_sources.get(field)
        where = first.section if first is not None else "the first statement"
        tx.warnings.append(f"{field}: {src_section} states {value} (kept {current} from {where})")
        tx.cite(f"{field}:{src_section}", src)


def _current_agreement(ctx: Context, start: int, end: int, default: str | None) -> str | None:
    for term, key in ctx.agreement_terms.items():
        if re.search(r"\b" + re.escape(term) + r"\b", ctx.text[start:end]):
            return key
    return default


def parse_transactions(ctx: Context, regions: list[tuple[int, int, str | None]]) -> None:
    """Transactions and conversions in each (start, end, agreement key) region.

    The filing's trade tables (Item 5(c) and its schedules) are read first, by
    :func:`~ownergraph.loaders.sections.trade_tables.parse_trade_tables`.
    """
    parse_trade_tables(ctx)
    text = ctx.text
    conversions: list[_Conversion] = []
    for r0, r1, region_agreement in regions:
        last_tx: Transaction | None = None
        for s0, s1 in _sentences(text, r0, r1):
            sent = text[s0:s1]
            # the words without which a pattern cannot match (tested on ASCII text only,
            # where lower() folds case as the patterns' re.I does)
            low = sent.lower() if sent.isascii() else None
            agrees = low is None or "agree" in low
            m = (_SELL_TO.search(sent) or _BUY_FROM.search(sent)) if agrees else None
            shares_m = _SHARES.search(sent, m.end()) if m else None
            if m and shares_m:
                subj = name_before(sent[: m.start()])
                obj = _after_name(ctx, sent[m.end() : m.end() + 200])
                a, b = _entity(ctx, subj), _entity(ctx, obj)
                if a is None or b is None:
                    continue
                selling = bool(re.search(r"sell|transfer\s+to", m.group(0), re.I))
                seller, buyer = (a, b) if selling else (b, a)
                issuer = ctx.issuer_key()
                kind = (
                    "repurchase"
                    if buyer == issuer or re.search(r"repurchase", m.group(0), re.I)
                    else "sale"
                )
                shares = int(shares_m.group(1).replace(",", ""))
                sc = (
                    ctx.share_class(shares_m.group(2))
                    if shares_m.group(2)
                    else ctx.filing.subject_class
                )
                src = ctx.source(s0, s1)
                section = src.section
                term_m = None
                for dm in DEFINITION.finditer(sent, shares_m.end()):
                    if re.search(
                        r"transfer|repurchase|sale|purchase|acquisition|transaction",
                        dm.group(1),
                        re.I,
                    ):
                        term_m = dm
                agreement = _current_agreement(ctx, s0, s1, region_agreement)
                tx = _find_tx(ctx, seller, buyer, shares)
                new = tx is None
                if tx is None:
                    slug = re.sub(
                        r"[^a-z0-9]+",
                        "-",
                        (term_m.group(1) if term_m else f"{kind}-{seller}-{shares}").lower(),
                    ).strip("-")
                    tx = Transaction(
                        key=f"txn-{slug}",
                        kind=kind,
                        seller=seller,
                        buyer=buyer,
                        shares=shares,
                        share_class=sc,
                        source=src,
                    )
                    for f in ("seller", "buyer", "shares", "kind"):
                        tx.cite(f, src)
                    ctx.filing.transactions.append(tx)
                for pattern, amount_field in _AMOUNTS:
                    amount_m = pattern.search(sent)
                    money = parse_money(amount_m.group(1)) if amount_m else None
                    if money:
                        _merge(tx, amount_field, money.amount, section, src)
                        _merge(tx, "currency", money.currency, section, src)
                same = _SAME_PRICE.search(sent)
                if same and tx.price_per_share is None:
                    other = next(
                        (
                            t
                            for t in ctx.filing.transactions
                            if t.key
                            == f"txn-{re.sub(r'[^a-z0-9]+', '-', same.group(1).strip().lower()).strip('-')}"
                        ),
                        None,
                    )
                    if other is not None and other.price_per_share is not None:
                        tx.price_per_share, tx.currency = other.price_per_share, other.currency
                        tx.cite("price_per_share", src)
                        tx.pricing_basis = f"same price per share as the {same.group(1).strip()}"
                        tx.cite("pricing_basis", src)
                dates = [parse_date(d.group(0)) for d in re.finditer(_DATE, sent[: m.start()])]
                dated = re.search(r"dated\s+(?:as\s+of\s+)?(" + _DATE + ")", sent)
                done = re.match(r"\s*On\s+(" + _DATE + r"),\s+[^.]{0,120}?\bcompleted\b", sent)
                if done:
                    tx.status = "completed"
                    tx.closing_date = parse_date(done.group(1))
                    tx.cite("closing_date", src)
                    tx.cite("status", src)
                if dated and tx.date is None:
                    tx.date = parse_date(dated.group(1))
                    tx.cite("date", src)
                elif dates and new and not done:
                    tx.date = dates[0]
                    tx.cite("date", src)
                    if len(dates) > 1:
                        tx.warnings.append(
                            "the text gives more than one agreement date: "
                            + ", ".join(d.isoformat() for d in dates if d)
                        )
                if agreement and tx.agreement is None:
                    tx.agreement = agreement
                if term_m:
                    ctx.transaction_terms[term_m.group(1)] = ctx.filing.transactions.index(tx)
                    if tx.agreement is None and dates:
                        ag = Agreement(
                            key=f"agreement-{tx.key[4:]}",
                            kind="share transfer agreement",
                            title=term_m.group(1),
                            date=dates[0],
                            parties=[
                                AgreementParty(entity=seller, role="seller", source=src),
                                AgreementParty(entity=buyer, role="buyer", source=src),
                            ],
                            source=src,
                        )
                        ag.cite("date", src)
                        ag.warnings.extend(tx.warnings)
                        ctx.filing.agreements[ag.key] = ag
                        tx.agreement = ag.key
                if tx.agreement and tx.agreement in ctx.filing.agreements:
                    ag2 = ctx.filing.agreements[tx.agreement]
                    for ent, role in ((seller, "seller"), (buyer, "buyer")):
                        p = next((p for p in ag2.parties if p.entity == ent), None)
                        if p is None:
                            ag2.parties.append(AgreementParty(entity=ent, role=role, source=src))
                        elif p.role is None:
                            p.role = role
                last_tx = tx
                continue
            # follow-up sentences about the last transaction
            if (
                last_tx is not None
                and (low is None or "price" in low)
                and re.search(
                    r"\bprice\b.{0,40}?\bper\s+(?:ordinary\s+)?share\b.{0,20}?\b(?:was|is|were)\s+(?:calculated|determined|based)",
                    sent,
                    re.I,
                )
            ):
                _pricing(ctx, last_tx, s0, s1)
            close = re.search(
                r"closing\s+of\s+(?:the\s+)?([A-Z][^,.;]{2,60}?)\s+shall\s+take\s+place[^.]{0,300}?no\s+later\s+than\s+("
                + _DATE
                + ")",
                sent,
            )
            if close:
                idx = ctx.transaction_terms.get(close.group(1).strip())
                if idx is not None:
                    t = ctx.filing.transactions[idx]
                    t.closing_deadline = parse_date(close.group(2))
                    t.cite("closing_deadline", ctx.source(s0, s1))
                    if t.status is None:
                        t.status = "pending"
                        t.cite("status", ctx.source(s0, s1))
            converts = low is None or "convert" in low
            conv = (
                re.search(
                    r"convert\s+(\d{1,3}(?:,\d{3})+|\d+)\s+(?:[A-Z]\w*\s+)?Class\s+([A-Z])\s+[^.]{0,40}?into\s+(?:the\s+)?(?:equal|same)\s+number\s+of\s+Class\s+([A-Z])",
                    sent,
                    re.I,
                )
                if converts
                else None
            )
            conv2 = (
                re.search(
                    r"(?<![\d,])(\d{1,3}(?:,\d{3})+|\d+)\s+Class\s+([A-Z])\s+[^.,]{0,40}?,?\s+which\s+(?:were|was|have\s+been|has\s+been)\s+converted\s+into\s+(?:the\s+)?(?:equal|same)\s+number\s+of\s+Class\s+([A-Z])",
                    sent,
                    re.I,
                )
                if converts
                else None
            )
            for cm, explicit in ((conv, True), (conv2, False)):
                if cm is None:
                    continue
                head = sent[: cm.start()]
                holder_name = (
                    name_after(
                        re.sub(
                            r"^\s*(?:Following[^,]*,|Upon[^,]*,|Pursuant[^,]*,)\s*", "", head
                        ).strip()
                    )
                    if explicit
                    else name_before(
                        re.sub(r"(?<!\s)\s+(?:held|holds|owned|owns)\s*$", "", head.rstrip())
                    )
                )
                conversions.append(
                    _Conversion(
                        holder=_entity(ctx, holder_name),
                        from_label=cm.group(2).upper(),
                        to_label=cm.group(3).upper(),
                        shares=int(cm.group(1).replace(",", "")),
                        explicit=explicit,
                        completed=not explicit,
                        start=s0,
                        end=s1,
                        agreement=region_agreement,
                    )
                )
    _conversions(ctx, conversions)


def _pricing(ctx: Context, tx: Transaction, s0: int, s1: int) -> None:
    sent = ctx.text[s0:s1]
    src = ctx.source(s0, s1)
    ads = re.search(
        r"price\s+of\s+((?:US|HK)?\$[\d,.]*\d)\s+per\s+American\s+deposit[ao]ry\s+share", sent, re.I
    )
    product = re.search(
        r"product\s+of\s+\(i\)\s+(?:the\s+)?(.+?),?\s+multiplied\s+by\s+\(ii\)\s+(.+?)\.?$",
        sent.strip(),
        re.I,
    )
    if ads and product:
        basis = f"{ads.group(1)} per ADS = {product.group(1).strip()} × {product.group(2).strip()}"
    elif re.search(r"same\s+calculations?", sent, re.I):
        ref = re.search(
            r"same\s+calculations?\s+as\s+(?:in\s+)?(?:the\s+)?([A-Z][^,.;]{2,60})", sent
        )
        basis = (
            f"same price per share as the {ref.group(1).strip()}"
            if ref
            else "same calculation as another transaction"
        )
    else:
        basis = re.sub(r"\s+", " ", sent.strip())
    if re.search(r"subject\s+to\s+(?:certain\s+)?adjustments?", sent, re.I):
        basis += ", subject to adjustment"
    if tx.pricing_basis is None or "same price" in tx.pricing_basis:
        tx.pricing_basis = basis
        tx.cite("pricing_basis", src)


def _conversions(ctx: Context, items: list[_Conversion]) -> None:
    groups: dict[tuple[str | None, str, str], list[_Conversion]] = {}
    for c in items:
        groups.setdefault((c.holder, c.from_label, c.to_label), []).append(c)
    for (holder, fr, to), cs in groups.items():
        cs.sort(key=lambda c: not c.explicit)
        main = cs[0]
        src = ctx.source(main.start, main.end)
        tx = Transaction(
            key=f"txn-conversion-{holder}-class-{fr.lower()}-to-{to.lower()}",
            kind="conversion",
            seller=holder,
            buyer=holder,
            share_class=ctx.share_class(fr),
            to_class=ctx.share_class(to),
            shares=main.shares,
            agreement=next((c.agreement for c in cs if c.agreement), None),
            source=src,
        )
        for f in ("shares", "share_class", "to_class"):
            tx.cite(f, src)
        for other in cs[1:]:
            osrc = ctx.source(other.start, other.end)
            if other.shares != tx.shares:
                tx.warnings.append(
                    f"shares: {osrc.section} states {other.shares:,} Class {fr} shares were converted; {src.section} converts {tx.shares:,}"
                )
            tx.cite(f"shares:{osrc.section}", osrc)
        if any(c.completed for c in cs):
            tx.status = "completed"
            tx.cite(
                "status",
                ctx.source(
                    next(c for c in cs if c.completed).start, next(c for c in cs if c.completed).end
                ),
            )
        if tx.agreement:
            parent = next(
                (
                    t
                    for t in ctx.filing.transactions
                    if t.agreement == tx.agreement and t.closing_date
                ),
                None,
            )
            if parent is not None and re.search(r"Closing\s+Date", ctx.text[main.start : main.end]):
                tx.date = tx.closing_date = parent.closing_date
                tx.cite("closing_date", parent.field_sources.get("closing_date"))
        ctx.filing.transactions.append(tx)


_BENEFICIAL = re.compile(
    r"([^\n.;]{2,120}?)\s+is\s+the\s+(?:direct\s+|sole\s+)?beneficial\s+owner\s+of\s+(\d{1,3}(?:,\d{3})+|\d+)\s+"
    r"(?:(?:Class|Series)\s+([A-Z])\s+)?[^.,;\n]{0,60}?(?:,\s*representing\s+(?:approximately\s+)?(\d+(?:\.\d+)?)\s*%)?(?=[.,;])",
)
#: what follows the head of every _BENEFICIAL match: found first, so the head is bounded
#: (``\s(?<!\s\s)\s*`` is ``(?<!\s)\s+`` opening on a space the engine can scan for)
_BENEFICIAL_TAIL = re.compile(
    r"\s(?<!\s\s)\s*is\s+the\s+(?:direct\s+|sole\s+)?beneficial\s+owner\s+of\s+(?:\d{1,3}(?:,\d{3})+|\d+)\s+"
    r"(?:(?:Class|Series)\s+[A-Z]\s+)?[^.,;\n]{0,60}?(?:,\s*representing\s+(?:approximately\s+)?\d+(?:\.\d+)?\s*%)?(?=[.,;])",
)
_RESIGNED = re.compile(
    r"(?<![\w.\-])([A-Z][\w.\-]+(?:\s+[A-Z][\w.\-]+){1,3}),\s+(?:a|an|the|our)\s+([^,]{0,160}?),\s+resigned"
    r"(?:\s+(?:as\s+of|effective(?:\s+as\s+of)?|on))?\s+(" + _DATE + ")",
)
_RIGHTS_END = re.compile(
    r"(?<![\w\-])([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,4})['’]s\s+rights?\s+to\s+(?:appoint|nominate|designate)\b[^.]{0,300}?\bterminat\w*[^.]{0,200}\.",
)


def parse_holdings(ctx: Context, start: int, end: int) -> None:
    """Holdings stated as "X is the beneficial owner of N shares, representing P%"."""
    for m in finditer_keyed(_BENEFICIAL, _BENEFICIAL_TAIL, ctx.text, start, end, before=120):
        name = name_before(m.group(1)) or m.group(1)
        holder = ctx.resolve(name)
        issuer = ctx.issuer_key()
        if holder is None or issuer is None:
            continue
        src = ctx.source(m.start() + len(m.group(1)) - len(name), m.end())
        sc = ctx.share_class(m.group(3)) if m.group(3) else ctx.filing.subject_class
        h = Holding(
            holder=holder,
            issuer=issuer,
            share_class=sc,
            shares=whole_number(m.group(2)),
            nature="beneficial owner",
            source=src,
        )
        h.cite("shares", src)
        if m.group(4):
            h.percent_of_class = Decimal(m.group(4))
            h.cite("percent_of_class", src)
        ctx.filing.holdings.append(h)


def parse_events(ctx: Context, start: int, end: int, agreement: str | None = None) -> None:
    """Resignations (with the nominating party) and board-nomination rights ending."""
    text = ctx.text
    # both patterns open on any capitalised word: run each only where its literal is
    region = text[start:end]
    for m in _RESIGNED.finditer(text, start, end) if "resigned" in region else ():
        desc = m.group(2)
        if "director" not in desc.lower() and "officer" not in desc.lower():
            continue
        src = ctx.source(m.start(), m.end())
        person = ctx.person(m.group(1), src)
        date = parse_date(m.group(3))
        board = re.search(r"to\s+(?:the\s+)?(.+?)['’]s\s+Board", desc) or re.search(
            r"board\s+of\s+directors\s+of\s+(?:the\s+)?(.+)$", desc, re.I
        )
        org = ctx.resolve(board.group(1)) if board else ctx.issuer_key()
        nom = re.search(r"(?:nominated|designated|appointed)\s+by\s+(.+?)(?:\s+to\b|$)", desc)
        nominated_by = ctx.resolve(nom.group(1)) if nom else None
        title = "director" if "director" in desc.lower() else "officer"
        role = Role(
            person=person,
            organization=org,
            title=title,
            kinds=[title],
            nominated_by=nominated_by,
            end=date,
            section=src.section,
            source=src,
        )
        role.cite("end", src)
        if nominated_by:
            role.cite("nominated_by", src)
        ctx.filing.roles.append(role)
        subjects = [person] + ([org] if org else [])
        ev = Event(
            kind="resignation",
            date=date,
            subjects=subjects,
            description=re.sub(r"\s+", " ", m.group(0)),
            source=src,
        )
        ev.cite("date", src)
        ctx.filing.events.append(ev)
    for m in (
        _RIGHTS_END.finditer(text, start, end) if "terminat" in region and "right" in region else ()
    ):
        holder = ctx.resolve(m.group(1))
        if holder is None:
            continue
        src = ctx.source(m.start(), m.end())
        subjects = [holder]
        company = ctx.resolve("Company") or ctx.issuer_key()
        if company:
            subjects.append(company)
        ev = Event(
            kind="termination of board nomination rights",
            subjects=subjects,
            description=re.sub(r"\s+", " ", m.group(0)),
            agreement=agreement,
            source=src,
        )
        if agreement and re.search(
            r"upon\s+(?:the\s+)?(?:completion\s+of\s+the\s+)?Closing", m.group(0)
        ):
            parent = next(
                (t for t in ctx.filing.transactions if t.agreement == agreement and t.closing_date),
                None,
            )
            if parent is not None:
                ev.date = parent.closing_date
                ev.cite("date", parent.field_sources.get("closing_date"))
        ctx.filing.events.append(ev)
        if ctx.filing.entities[holder].kind == EntityKind.UNKNOWN:
            ctx.filing.entities[holder].kind = EntityKind.COMPANY
