"""View > Insights (Ctrl+I): why the search goes the way it goes.

The headline figures, the funnel and its exits and the weekly activity as charts, and
tables of companies (double-click one to see its cards on the board), sources,
follow-ups and time in each stage; the themes of the feedback, each with the words it
came from. A period and a tag choose the cards. Everything is read again a moment
after any change, from this window or elsewhere. Export writes a dated PDF report;
each chart can be saved as PNG.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jobhunt_desktop.domain.changes import Changes
from jobhunt_desktop.domain.insights import Insights
from jobhunt_desktop.domain.timeutil import local_date
from jobhunt_desktop.ui.insights import charts
from jobhunt_desktop.ui.insights.insights_tables import (
    FiguresModel,
    companies_model,
    days,
    followups_model,
    percent,
    show,
    sources_model,
    stays_model,
    table,
)

if TYPE_CHECKING:
    from jobhunt_desktop.ui.main_window import MainWindow

PERIODS = ("All time", "Last 30 days", "Last 90 days", "This year")
REDRAW_MS = 600  # changes come in bursts: one redraw after them


def period_start(name: str, today: date) -> date | None:
    if name == "Last 30 days":
        return today - timedelta(days=30)
    if name == "Last 90 days":
        return today - timedelta(days=90)
    if name == "This year":
        return date(today.year, 1, 1)
    return None


class InsightsWindow(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.ops = window.operations
        self.setWindowTitle("Insights")
        self.figures: Insights | None = None
        self.period = QComboBox(self)
        self.period.addItems(PERIODS)
        self.period.setAccessibleName("Period")
        self.period.setToolTip("Cards by the day they were applied for; follow-ups by when sent")
        self.tag = QComboBox(self)
        self.tag.addItem("All tags", None)
        for i in range(1, window.tag_filter.count()):
            self.tag.addItem(window.tag_filter.itemText(i), window.tag_filter.itemData(i))
        self.tag.setAccessibleName("Tag")
        for box in (self.period, self.tag):
            box.currentIndexChanged.connect(self.refresh)
        self.export_button = QPushButton("&Export report…", self)
        self.export_button.clicked.connect(self.export_report)
        top = QHBoxLayout()
        top.addWidget(self.period)
        top.addWidget(self.tag)
        top.addStretch(1)
        top.addWidget(self.export_button)

        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        charts_box = QWidget(self)
        self.charts_layout = QVBoxLayout(charts_box)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(charts_box)

        self.models: dict[str, FiguresModel[Any]] = {
            "companies": companies_model(self),
            "sources": sources_model(self),
            "followups": followups_model(self),
            "stays": stays_model(self),
        }
        self.companies = table("Companies", self.models["companies"], self)
        self.companies.doubleClicked.connect(self._show_company)
        self.companies.setToolTip("Double-click a company to see its cards on the board")
        self.sources = table("Sources", self.models["sources"], self)
        self.followups = table("Follow-ups", self.models["followups"], self)
        self.stays = table("Time in stage", self.models["stays"], self)
        self.themes = QListWidget(self)
        self.themes.setAccessibleName("Feedback themes")
        self.themes.currentItemChanged.connect(self._show_theme)
        self.theme_text = QTextBrowser(self)
        themes = QSplitter(self)
        themes.addWidget(self.themes)
        themes.addWidget(self.theme_text)
        self.tabs = QTabWidget(self)
        for widget, name in (
            (self.companies, "&Companies"),
            (self.sources, "S&ources"),
            (self.followups, "&Follow-ups"),
            (self.stays, "Time in &stage"),
            (themes, "Feedback &themes"),
        ):
            self.tabs.addTab(widget, name)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(scroll)
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        scroll.setMinimumHeight(260)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(split, 1)
        self.resize(900, 820)
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self.refresh)
        self.ops.changed.connect(self._changed)
        self.refresh()

    # reading -------------------------------------------------------------------------

    def _changed(self, _changes: Changes) -> None:
        self._redraw.start()

    def chosen(self) -> tuple[date | None, list[str]]:
        today = local_date(self.window_.now(), self.window_.zone)
        tag = self.tag.currentData()
        return period_start(self.period.currentText(), today), [tag] if tag else []

    def refresh(self) -> None:
        since, tags = self.chosen()
        figures = self.ops.run(
            lambda s: s.insights.compute(since=since, tags=tags), self, title="Insights"
        )
        if figures is None:
            return
        self.figures = figures
        self.headline.setText(headline(figures))
        self._draw(figures)
        show(figures, self.models)
        self.themes.clear()
        for theme in figures.themes:
            item = QListWidgetItem(f"{theme.theme} ({theme.count} cards)")
            item.setData(Qt.ItemDataRole.UserRole, theme.application_ids)
            self.themes.addItem(item)
        if not figures.themes:
            self.theme_text.setPlainText(
                "No theme yet: one shows once the feedback of two or more cards says it."
            )

    # charts --------------------------------------------------------------------------

    def colours(self) -> charts.Colours:
        palette = self.palette()
        return charts.Colours(
            text=palette.windowText().color().name(),
            base=palette.base().color().name(),
            grid=palette.mid().color().name(),
            accent=palette.highlight().color().name(),
            goal="#d97706",
        )

    def chart_figures(self, figures: Insights) -> dict[str, Figure]:
        colours = self.colours()
        return {
            "funnel": charts.funnel_figure(figures, colours),
            "activity": charts.activity_figure(figures, colours),
        }

    def _draw(self, figures: Insights) -> None:
        for name, figure in self.chart_figures(figures).items():
            canvas = self.canvases.get(name)
            if canvas is None:
                canvas = FigureCanvasQTAgg(figure)
                canvas.setMinimumHeight(int(figure.get_figheight() * 72))
                canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
                canvas.customContextMenuRequested.connect(
                    lambda point, n=name: self._chart_menu(n, point)
                )
                canvas.setAccessibleName(f"Chart: {name}")
                self.canvases[name] = canvas
                self.charts_layout.addWidget(canvas)
            else:
                canvas.figure = figure
                figure.set_canvas(canvas)
                canvas.draw_idle()

    def _chart_menu(self, name: str, point: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction("Save chart as PNG…", lambda: self.save_chart(name))
        canvas = self.canvases[name]
        menu.exec(canvas.mapToGlobal(point))

    def save_chart(self, name: str, path: Path | None = None) -> Path | None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save chart", f"jobhunt-{name}.png", "PNG image (*.png)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        from jobhunt_desktop.ui.insights.report import write_chart

        write_chart(path, self.canvases[name].figure)
        return path

    def export_report(self, path: Path | None = None) -> Path | None:
        from jobhunt_desktop.ui.insights.report import write_report

        if self.figures is None:
            return None
        if path is None:
            today = local_date(self.window_.now(), self.window_.zone)
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Export report", f"jobhunt-insights-{today}.pdf", "PDF (*.pdf)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        write_report(
            path, self.figures, self.chart_figures(self.figures), self.period.currentText()
        )
        return path

    # following up on the tables --------------------------------------------------------

    def _show_company(self, index: QModelIndex) -> None:
        company = index.siblingAtColumn(0).data()
        if company:
            self.window_.search.setText(str(company))
            self.window_.bring_back()

    def _show_theme(self, item: QListWidgetItem | None) -> None:
        if item is None or self.figures is None:
            return
        cards = set(item.data(Qt.ItemDataRole.UserRole))
        texts = [text for card, text in self.figures.feedback if card in cards]
        self.theme_text.setPlainText("\n\n".join(f"“{t}”" for t in texts))


def headline(f: Insights) -> str:
    parts = [
        f"{f.cards} applications",
        f"answered {f.answered} of {f.applied} applied ({percent(f.response_rate)})",
        f"ghosted {f.ghosted} ({percent(f.ghosting_rate)})",
        f"first answer after {days(f.days_to_answer.median)} days"
        if f.days_to_answer.median is not None
        else "time to a first answer: not enough data",
    ]
    if f.imported:
        parts.append(f"{f.imported} with imported history, counted from what is known")
    return " · ".join(parts)
