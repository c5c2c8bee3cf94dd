"""The progress bar of a long command and the lines a load prints: one per file
(failures always, loaded filings when asked) and the closing summary. Shared by
``ownergraph load`` and ``ownergraph fetch``.

May import: rich (when a command prints); the reports it prints come from the api.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # rich loads when a command prints
    from rich.console import Console
    from rich.progress import Progress

__all__ = ["print_file_result", "print_load_summary", "progress_bar"]


def progress_bar(err: Console, *, disable: bool) -> Progress:
    """The transient progress bar a long command draws on standard error."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=disable,
    )


def print_file_result(
    out: Console,
    path: Path,
    loaded: Any,
    error: str | None,
    *,
    show: bool,
    short_name: bool = False,
    every_warning: bool = False,
    hint: bool = False,
) -> None:
    """Print what loading ``path`` gave: a failure always; a loaded filing (an
    ``api.LoadedFiling``) and its first ten warnings (or ``every_warning``) when ``show``.

    ``short_name`` names the file without its folder; ``hint`` says how many warnings
    were left out and that ``--verbose`` shows them.
    """
    from rich.markup import escape

    if error is not None:
        out.print(f"[red]failed[/] {escape(str(path))}: {escape(error)}")
        return
    if loaded is None or not show:
        return
    name = Path(loaded.path).name if short_name else loaded.path
    out.print(
        f"loaded {escape(name)}: {escape(loaded.form)}"
        f"{' on ' + escape(loaded.issuer) if loaded.issuer else ''}, "
        f"{loaded.reporting_persons} reporting person(s), {loaded.entities} entities, "
        f"{loaded.facts} facts, {len(loaded.warnings)} warning(s)"
    )
    for w in loaded.warnings if every_warning else loaded.warnings[:10]:
        out.print(f"  [yellow]warning:[/] {escape(w)}")
    if hint and not every_warning and len(loaded.warnings) > 10:
        out.print(f"  ... and {len(loaded.warnings) - 10} more (--verbose shows all)")


def print_load_summary(out: Console, report: Any, where: object, skipped: int = 0) -> None:
    """The lines that end a load: filings, facts and warnings loaded into ``where``, what
    the store now holds, and the failures counted by reason (``report``: an
    ``api.LoadReport``)."""
    from rich.markup import escape

    facts = sum(f.facts for f in report.loaded)
    warnings = sum(len(f.warnings) for f in report.loaded)
    # entities and holdings: distinct ones in the store after the load, not a sum
    out.print(
        f"{len(report.loaded)} filing(s) loaded into {escape(str(where))}, {facts} facts, "
        f"{warnings} warning(s); {len(report.failed)} failed"
        + (f"; {skipped} other file(s) skipped" if skipped else "")
    )
    out.print(
        f"store now holds {report.store_entities} distinct entities and "
        f"{report.store_holdings} holdings; {report.resolved} entity node(s) joined "
        f"across filings, {report.amendment_links} amendment(s) linked by inference"
    )
    for graph in report.recovered:
        out.print(
            f"  removed {escape(graph)}: its load was interrupted (a crash) before it ended; "
            "load its file again"
        )
    for reason, failed in sorted(report.failures_by_reason().items()):
        out.print(f"  {len(failed)} failed: {escape(reason)}")
