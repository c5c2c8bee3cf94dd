"""``ownergraph fetch``: Schedule 13D/13G filings from EDGAR into the cache and the store.

Parses the arguments and makes one call, :func:`ownergraph.api.fetch`.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ownergraph.cli.common import (
    choice_option,
    console,
    count_option,
    date_option,
    handle_errors,
    path_option,
    store_path,
)
from ownergraph.cli.lazy import api, escape
from ownergraph.cli.progress import print_file_result, print_load_summary, progress_bar

__all__ = ["fetch"]


def _forms(value: str) -> tuple[str, ...]:
    parts = tuple(p.strip().upper() for p in value.replace(";", ",").split(",") if p.strip())
    return parts or ("13D", "13G")


@click.command()
@click.argument("targets", nargs=-1)
@click.option(
    "--index",
    "index",
    default=None,
    metavar="QUARTERS",
    help="Every 13D/13G of a quarter from EDGAR's full index: 2021Q2 or 2019Q1:2021Q4.",
)
@click.option(
    "--forms",
    default="13D,13G",
    show_default=True,
    help="Which schedules: 13D, 13G or both (old SC and new SCHEDULE form names).",
)
@click.option(
    "--amendments/--no-amendments",
    default=True,
    show_default=True,
    help="Take the /A amendments too.",
)
@choice_option(
    "--role",
    choices=["subject", "filer", "both"],
    default="both",
    help="The target as subject company, as filer, or both (read from each filing's header).",
)
@date_option("--since", help="Only filings filed on or after this date.")
@date_option("--until", help="Only filings filed on or before this date.")
@count_option("--limit", help="At most this many filings (newest first).")
@click.option(
    "--load/--no-load",
    default=True,
    show_default=True,
    help="Load the fetched filings into the store.",
)
@path_option(
    "--cache",
    "cache_dir",
    folder=True,
    help="Cache directory (default: the platform's cache directory).",
)
@click.option("--offline", is_flag=True, help="Answer from the cache alone; send no request.")
@click.option(
    "--user-agent",
    default=None,
    envvar="OWNERGRAPH_USER_AGENT",
    help="Your name and e-mail, sent to sec.gov as EDGAR's fair-access rules require "
    "(or $OWNERGRAPH_USER_AGENT).",
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0.1, max=10.0),
    default=10.0,
    show_default=True,
    help="Requests a second (EDGAR allows at most 10).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary and failures.")
@click.pass_context
@handle_errors
def fetch(
    ctx: click.Context,
    targets: tuple[str, ...],
    index: str | None,
    forms: str,
    amendments: bool,
    role: str,
    since: dt.datetime | None,
    until: dt.datetime | None,
    limit: int | None,
    load: bool,
    cache_dir: Path | None,
    offline: bool,
    user_agent: str | None,
    rate: float,
    quiet: bool,
) -> None:
    """Fetch the Schedule 13D/13G filings of each TARGET from EDGAR and load them.

    A TARGET is a ticker (VNET), a CIK (1508475 or 0001508475), a company name from
    EDGAR's ticker list, or an accession number (0001104659-21-068149; CIK/ACCESSION
    names the folder). The target may be the subject company or a filer; --role keeps
    one of the two, decided from each filing's SGML header. The hosts are
    $OWNERGRAPH_SEC_WWW and $OWNERGRAPH_SEC_DATA (default sec.gov).
    """
    out, err = console(), console(err=True)
    progress = progress_bar(err, disable=not err.is_terminal)
    store_cm = api.open_store(store_path(ctx)) if load else None
    try:
        with progress:
            task = progress.add_task("fetching", total=None)

            def on_listed(n: int) -> None:
                progress.update(task, total=n)

            def on_fetched(item: api.Fetched) -> None:
                progress.advance(task)
                if not quiet and not load:
                    how = "fetched" if item.fetched_now else "cached"
                    progress.console.print(
                        f"{how} {escape(item.ref.accession)} {escape(item.ref.form)}: {escape(str(item.path))}"
                    )

            def on_file(path: Path, loaded: api.LoadedFiling | None, error: str | None) -> None:
                print_file_result(
                    progress.console, path, loaded, error, show=not quiet, short_name=True
                )

            report = api.fetch(
                store_cm,
                targets,
                index=index,
                forms=_forms(forms),
                amendments=amendments,
                role=role,
                since=since.date() if since else None,
                until=until.date() if until else None,
                limit=limit,
                load=load,
                user_agent=user_agent,
                cache_dir=cache_dir,
                offline=offline,
                rate=rate,
                on_listed=on_listed,
                on_fetched=on_fetched,
                on_file=on_file,
            )
        log = report.requests
        out.print(
            f"{len(report.fetched)} filing(s) from EDGAR: {report.downloaded} downloaded, "
            f"{len(report.fetched) - report.downloaded} from the cache {escape(str(report.cache))}; "
            f"{len(log.urls)} request(s) ({log.archive_requests} archive, {log.json_requests} JSON, "
            f"{log.index_requests} index, "
            f"{log.revalidated} unchanged on revalidation, {log.retries} retried)"
        )
        lr = report.load
        if lr is not None and store_cm is not None:
            print_load_summary(out, lr, store_cm.path if store_cm.path is not None else "memory")
    finally:
        if store_cm is not None:
            store_cm.close()
    if not report.ok:
        sys.exit(1)
