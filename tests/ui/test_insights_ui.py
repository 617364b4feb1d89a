"""View > Insights on sample data: what it shows, that it follows changes, and its
exports."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jobhunt_desktop.services.container import Services
from jobhunt_desktop.services.demo import seed_demo
from jobhunt_desktop.ui.insights.insights_window import InsightsWindow
from jobhunt_desktop.ui.main_window import MainWindow


@pytest.fixture
def insights(qtbot: QtBot, window: MainWindow, services: Services) -> InsightsWindow:
    seed_demo(services)
    for name, feedback in (
        ("Kestrel Media", "We need more Kubernetes experience for this team."),
        ("Helio Energy", "The panel wanted deeper Kubernetes experience."),
    ):
        card = next(r.id for r in services.applications.board() if r.company == name)
        services.events.rejection(card, feedback=feedback)
    window.refresh()
    window.insights_action.trigger()
    dialog = window.findChild(InsightsWindow)
    assert dialog is not None
    qtbot.addWidget(dialog)
    return dialog


def test_the_view_shows_the_figures_charts_and_tables(
    insights: InsightsWindow, window: MainWindow, services: Services
) -> None:
    figures = services.insights.compute()
    assert insights.headline.text().startswith(f"{figures.cards} applications · answered")
    assert set(insights.canvases) == {"funnel", "activity"}
    assert insights.companies.model().rowCount() == len(figures.companies)
    assert insights.sources.model().rowCount() == len(figures.sources)
    assert insights.followups.model().rowCount() == len(figures.followups)
    items = [insights.themes.item(i) for i in range(insights.themes.count())]
    [first] = [i for i in items if i and i.text() == "kubernetes experience (2 cards)"]
    insights.themes.setCurrentItem(first)
    assert "deeper Kubernetes experience" in insights.theme_text.toPlainText()


def test_double_clicking_a_company_shows_its_cards_on_the_board(
    insights: InsightsWindow, window: MainWindow
) -> None:
    insights.companies.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    first = insights.companies.model().index(0, 2)  # any cell of the row
    insights.companies.doubleClicked.emit(first)
    assert window.search.text() == "Atlas Insurance"  # the first by name


def test_it_follows_changes_and_the_period(
    qtbot: QtBot, insights: InsightsWindow, window: MainWindow, services: Services
) -> None:
    before = services.insights.compute().cards
    window.operations.run(lambda s: s.applications.add("Zenith", "Analyst", stage="Applied"))
    qtbot.waitUntil(lambda: insights.headline.text().startswith(f"{before + 1} applications"))
    insights.period.setCurrentText("Last 30 days")
    since = (services.applications.now() - timedelta(days=30)).date()
    expected = services.insights.compute(since=since).cards
    assert insights.headline.text().startswith(f"{expected} applications")


def test_the_report_and_a_chart_are_written(insights: InsightsWindow, tmp_path: Path) -> None:
    report = insights.export_report(tmp_path / "report.pdf")
    assert report is not None and report.read_bytes().startswith(b"%PDF")
    chart = insights.save_chart("funnel", tmp_path / "funnel.png")
    assert chart is not None and chart.read_bytes().startswith(b"\x89PNG")
