"""The Insights report: a dated PDF of the whole view, written with QPdfWriter from a
QTextDocument, with the charts as images and the tables as tables."""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from pathlib import Path

from matplotlib.figure import Figure
from PySide6.QtCore import QBuffer, QIODevice, QUrl
from PySide6.QtGui import QImage, QPageSize, QPdfWriter, QTextDocument

from jobhunt_desktop.domain.insights import Insights
from jobhunt_desktop.services.files import save_private
from jobhunt_desktop.ui.insights.insights_tables import FOLLOWUP_NAMES, days, percent


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th align='left'>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table cellspacing='0' cellpadding='3' border='1'><tr>{head}</tr>{body}</table>"


def report_html(figures: Insights, period: str, chart_names: list[str]) -> str:
    from jobhunt_desktop.ui.insights.insights_window import headline

    parts = [
        f"<h1>Job hunt insights</h1><p>{html.escape(period)}</p>",
        f"<p>{html.escape(headline(figures))}</p>",
        *(f"<p><img src='chart://{n}' width='640'></p>" for n in chart_names),
        "<h2>Companies</h2>",
        _table(
            ["Company", "Applications", "Answered", "Days to answer", "Promises kept"],
            [
                [
                    c.company,
                    str(c.applications),
                    str(c.answered),
                    days(c.median_days_to_answer),
                    percent(c.promises_kept) if c.promises else "none made",
                ]
                for c in figures.companies
            ],
        ),
        "<h2>Sources</h2>",
        _table(
            ["Source", "Applications", "Answered", "Interviews", "Offers"],
            [
                [s.source, str(s.applications), str(s.answered), str(s.interviews), str(s.offers)]
                for s in figures.sources
            ],
        ),
        "<h2>Follow-ups</h2>",
        _table(
            ["Follow-up", "Sent", "Answered within 14 days"],
            [
                [
                    FOLLOWUP_NAMES.get(f.kind, f.kind),
                    str(f.sent),
                    percent(f.answered_within_14_days),
                ]
                for f in figures.followups
            ],
        ),
        "<h2>Time in stage</h2>",
        _table(
            ["Stage", "Median days", "Stays"],
            [[s.name, days(d.median), str(d.count)] for s, d in figures.time_in_stage],
        ),
        "<h2>Feedback themes</h2>",
        _table(["Theme", "Cards"], [[t.theme, str(t.count)] for t in figures.themes])
        if figures.themes
        else "<p>No theme yet.</p>",
    ]
    return "".join(parts)


def write_report(
    path: Path, figures: Insights, chart_figures: Mapping[str, Figure], period: str
) -> None:
    document = QTextDocument()
    for name, figure in chart_figures.items():
        image = QImage.fromData(_png(figure))
        kind = QTextDocument.ResourceType.ImageResource
        document.addResource(kind, QUrl(f"chart://{name}"), image)
    document.setHtml(report_html(figures, period, list(chart_figures)))
    pdf = QBuffer()
    pdf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(pdf)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(150)
    writer.setTitle("Job hunt insights")
    document.print_(writer)
    del writer  # ends the PDF
    save_private(path, bytes(pdf.data().data()))


def write_chart(path: Path, figure: Figure) -> None:
    save_private(path, _png(figure))


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150)
    return out.getvalue()
