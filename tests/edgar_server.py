"""A local EDGAR for the fetch tests: two threaded HTTP servers on 127.0.0.1.

``www`` serves ``files/company_tickers.json``, ``Archives/edgar/data/CIK/ACCNODASH/ACC.txt``
and ``Archives/edgar/full-index/YEAR/QTRn/form.idx``; ``data`` serves
``submissions/CIK##########.json`` and its continuation pages. The tree is built from real
filings in ``../shared/corpus/``: every full submission whose SGML header names an
accession number is served under the folder of every CIK in its header; the submissions
JSON, the ticker list and the quarterly indexes are written in EDGAR's published shapes
from those headers. 21Vianet's Schedule 13D/A (the bundled seed, rendered text) is served
as a full submission with an SGML header giving its accession number, filing date and the
subject company's CIK (the filer's CIK is not in the corpus, so the header gives its name
only), its document rendered to plain text as EDGAR's text filings are.

Faults on demand (:meth:`Edgar.fault`): a status (429 with ``Retry-After``, 500, 403), a
connection dropped mid-body, or a body that stalls halfway. A request whose User-Agent
lacks an e-mail address is answered 403, as sec.gov does. Every request is logged with
its arrival time, host, path and User-Agent.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ownergraph.loaders.formats.markdown import markdown_to_text
from ownergraph.loaders.formats.sgml_header import parse_header
from tests.corpus import CORPUS, SEED

__all__ = ["VNET_ACCESSION", "VNET_CIK", "Edgar", "Request", "corpus_submissions", "serve"]

VNET_CIK = "1508475"
VNET_ACCESSION = "0001104659-21-068149"

#: tickers for the test tree (VNET is real; the others stand in for companies without one)
TEST_TICKERS = {"1508475": "VNET", "1364742": "OGTA", "2012383": "OGTB", "91576": "OGTC"}


def vnet_submission() -> bytes:
    """21Vianet's 13D/A of 2021-05-14 as a full submission with its SGML header."""
    body = markdown_to_text(SEED.read_text(encoding="utf-8"))
    head = f"""<SEC-DOCUMENT>{VNET_ACCESSION}.txt : 20210514
<SEC-HEADER>{VNET_ACCESSION}.hdr.sgml : 20210514
ACCESSION NUMBER:\t\t{VNET_ACCESSION}
CONFORMED SUBMISSION TYPE:\tSC 13D/A
PUBLIC DOCUMENT COUNT:\t\t1
FILED AS OF DATE:\t\t20210514
GROUP MEMBERS:\t\tTUS-HOLDINGS CO., LTD.

SUBJECT COMPANY:\t

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t21Vianet Group, Inc.
\t\tCENTRAL INDEX KEY:\t\t\t000{VNET_CIK}
\t\tSTATE OF INCORPORATION:\t\t\tE9

FILED BY:\t\t

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tTuspark Innovation Venture Ltd
</SEC-HEADER>
<DOCUMENT>
<TYPE>SC 13D/A
<SEQUENCE>1
<FILENAME>tm2116189d1_sc13da.txt
<DESCRIPTION>SC 13D/A
<TEXT>
"""
    return (head + body + "\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n").encode("utf-8")


@dataclass
class Submission:
    """One full submission served by the test EDGAR."""

    accession: str
    form: str
    filed: str  # ISO date
    subjects: list[tuple[str, str]]  # (cik, name)
    filers: list[tuple[str, str]]
    body: bytes

    @property
    def ciks(self) -> list[str]:
        return list(dict.fromkeys(c for c, _ in [*self.subjects, *self.filers]))


def corpus_submissions() -> list[Submission]:
    """21Vianet's 13D/A (from the bundled seed) and every corpus full submission with an
    accession number and a 13D/13G form (none when ../shared/corpus is absent)."""
    out = [
        Submission(
            VNET_ACCESSION,
            "SC 13D/A",
            "2021-05-14",
            [(VNET_CIK, "21Vianet Group, Inc.")],
            [],
            vnet_submission(),
        )
    ]
    for p in sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []:
        if p.suffix not in (".txt", ".nc"):
            continue
        raw = p.read_bytes()
        h = parse_header(raw[:200_000].decode("latin-1"))
        if not h.accession or not h.form or not h.filed or "13" not in h.form:
            continue
        if not re.fullmatch(r"\d{10}-\d{2}-\d{6}", h.accession):
            continue
        parties = [
            [(str(int(x.cik)), x.name or "") for x in group if x.cik and x.cik.isdigit()]
            for group in (h.subjects, h.filers)
        ]
        if any(s.accession == h.accession for s in out):
            continue  # the same submission stored twice (.txt and .nc)
        out.append(Submission(h.accession, h.form, h.filed.isoformat(), *parties, raw))
    return out


@dataclass
class Request:
    """One request as the server saw it."""

    at: float
    host: str
    path: str
    user_agent: str
    status: int = 200


@dataclass
class Edgar:
    """The served tree, the faults to inject and the log of requests."""

    www: dict[str, bytes] = field(default_factory=dict)
    data: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: defaultdict(list))
    log: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    www_url: str = ""
    data_url: str = ""
    stop: threading.Event = field(default_factory=threading.Event)

    def fault(self, path: str, *actions: tuple[Any, ...]) -> None:
        """Queue faults for ``path`` (one per request, in order): ``("status", 429,
        {"Retry-After": "1"})``, ``("drop", nbytes)``, ``("stall", seconds)``."""
        with self.lock:
            self.faults[path.lstrip("/")].extend(actions)

    def requests(self, prefix: str = "") -> list[Request]:
        with self.lock:
            return [r for r in self.log if r.path.startswith(prefix)]

    def env(self, agent: str = "ownergraph tests tests@example.org") -> dict[str, str]:
        return {
            "OWNERGRAPH_SEC_WWW": self.www_url,
            "OWNERGRAPH_SEC_DATA": self.data_url,
            "OWNERGRAPH_USER_AGENT": agent,
        }


def build_tree(edgar: Edgar, subs: list[Submission], *, page_after: int = 4) -> None:
    """Tickers, submissions JSON (with a continuation page past ``page_after`` rows),
    full submissions and quarterly indexes for ``subs``."""
    names: dict[str, str] = {}
    listed: dict[str, list[Submission]] = defaultdict(list)
    for s in subs:
        for cik, name in [*s.subjects, *s.filers]:
            names.setdefault(cik, name)
        for cik in s.ciks:
            listed[cik].append(s)
            acc = s.accession.replace("-", "")
            edgar.www[f"Archives/edgar/data/{cik}/{acc}/{s.accession}.txt"] = s.body
    names[VNET_CIK] = "VNET Group, Inc."  # the ticker list gives the current name
    tickers = {
        str(i): {
            "cik_str": int(cik),
            "ticker": TEST_TICKERS.get(cik, f"OG{i:03d}"),
            "title": names[cik],
        }
        for i, cik in enumerate(sorted(names, key=int))
    }
    edgar.www["files/company_tickers.json"] = json.dumps(tickers).encode()
    for cik, rows in listed.items():
        rows = sorted(rows, key=lambda s: s.filed, reverse=True)
        extra = [("6-K", "2021-06-01"), ("20-F", "2021-04-28")] if cik == VNET_CIK else []
        recent, older = rows[:page_after], rows[page_after:]
        padded = f"CIK{int(cik):010d}"
        doc: dict[str, Any] = {
            "cik": cik,
            "name": names[cik],
            "tickers": [TEST_TICKERS[cik]] if cik in TEST_TICKERS else [],
            "filings": {"recent": _columns(recent, extra, cik), "files": []},
        }
        if older:
            page = f"{padded}-submissions-001.json"
            doc["filings"]["files"].append(
                {
                    "name": page,
                    "filingCount": len(older),
                    "filingFrom": older[-1].filed,
                    "filingTo": older[0].filed,
                }
            )
            edgar.data[f"submissions/{page}"] = json.dumps(_columns(older, [], cik)).encode()
        edgar.data[f"submissions/{padded}.json"] = json.dumps(doc).encode()
    by_quarter: dict[tuple[int, int], list[Submission]] = defaultdict(list)
    for s in subs:
        y, m = int(s.filed[:4]), int(s.filed[5:7])
        by_quarter[(y, (m - 1) // 3 + 1)].append(s)
    for (y, q), rows in by_quarter.items():
        edgar.www[f"Archives/edgar/full-index/{y}/QTR{q}/form.idx"] = _form_idx(rows, names)


def _columns(
    rows: list[Submission], extra: list[tuple[str, str]], cik: str
) -> dict[str, list[Any]]:
    cols: dict[str, list[Any]] = defaultdict(list)
    for i, (form, date) in enumerate(extra):
        cols["accessionNumber"].append(f"0001104659-21-{900000 + i:06d}")
        cols["filingDate"].append(date)
        cols["form"].append(form)
        cols["primaryDocument"].append("other.htm")
    for s in rows:
        cols["accessionNumber"].append(s.accession)
        cols["filingDate"].append(s.filed)
        cols["form"].append(s.form)
        cols["primaryDocument"].append(f"{s.accession}.txt")
    return dict(cols)


def _form_idx(rows: list[Submission], names: dict[str, str]) -> bytes:
    lines = [
        "Description:           Master Index of EDGAR Dissemination Feed by Form Type",
        "Last Data Received:    test tree",
        "",
        f"{'Form Type':<17}{'Company Name':<62}{'CIK':<12}{'Date Filed':<12}File Name",
        "-" * 140,
        f"{'10-K':<17}{'Some Other Company':<62}{'1234567':<12}{rows[0].filed:<12}edgar/data/1234567/0001234567-21-000001.txt",
    ]
    for s in sorted(rows, key=lambda s: (s.form, s.filed)):
        cik, name = (s.subjects or s.filers)[0]
        lines.append(
            f"{s.form:<17}{name[:60]:<62}{cik:<12}{s.filed:<12}edgar/data/{cik}/{s.accession}.txt"
        )
    return ("\n".join(lines) + "\n").encode("latin-1", "replace")


def _handler(edgar: Edgar, host: str) -> type[BaseHTTPRequestHandler]:
    tree = edgar.www if host == "www" else edgar.data

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0].lstrip("/")
            agent = self.headers.get("User-Agent", "")
            req = Request(time.monotonic(), host, path, agent)
            with edgar.lock:
                edgar.log.append(req)
                fault = edgar.faults[path].pop(0) if edgar.faults.get(path) else None
            if "@" not in agent:
                return self._status(
                    req,
                    403,
                    b"Your request has been identified as part of an undeclared automated tool.",
                )
            if fault is not None and fault[0] == "status":
                return self._status(req, fault[1], b"fault", fault[2] if len(fault) > 2 else {})
            body = tree.get(path)
            if body is None:
                return self._status(req, 404, b"Not Found")
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if path.endswith(".json") and self.headers.get("If-None-Match") == etag:
                return self._status(req, 304, b"", {"ETag": etag})
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.end_headers()
            if fault is not None and fault[0] == "drop":
                self.wfile.write(body[: fault[1]])
                self.wfile.flush()
                self.close_connection = True
                return
            if fault is not None and fault[0] == "stall":
                half = len(body) // 2
                self.wfile.write(body[:half])
                self.wfile.flush()
                if edgar.stop.wait(fault[1]):
                    self.close_connection = True
                    return
                self.wfile.write(body[half:])
                return
            self.wfile.write(body)

        def _status(
            self, req: Request, code: int, body: bytes, headers: dict[str, str] | None = None
        ) -> None:
            req.status = code
            self.send_response(code)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up mid-body (a killed fetch) is expected here


def serve(edgar: Edgar) -> Iterator[Edgar]:
    """Start both servers, yield ``edgar`` with their URLs, stop them."""
    servers = [_Server(("127.0.0.1", 0), _handler(edgar, h)) for h in ("www", "data")]
    threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in servers]
    for t in threads:
        t.start()
    edgar.www_url = f"http://127.0.0.1:{servers[0].server_address[1]}"
    edgar.data_url = f"http://127.0.0.1:{servers[1].server_address[1]}"
    try:
        yield edgar
    finally:
        edgar.stop.set()
        for s in servers:
            s.shutdown()
            s.server_close()
        for t in threads:
            t.join(timeout=5)
