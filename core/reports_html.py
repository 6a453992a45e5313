"""The trend report as one self-contained HTML page, for reading on a phone.

The same `TrendReport` as the PDF (core.reports) and the same charts, drawn by the same
functions, embedded as inline SVG: no external files, scripts or fonts, so the page opens
offline and leaks nothing when opened. Every text from the register (area names, categories)
goes through `html.escape`; the charts draw their labels as outlines, not as markup. Counts
under 5 are "<5" exactly as in the PDF.
"""

from __future__ import annotations

import html
import io
from typing import TYPE_CHECKING

from core.reports import (
    _BAR,
    _LEVEL_COLOURS,
    TrendReport,
    _bars,
    _figure,
    _line,
    _words,
    delivery_rows,
    long_date,
    messages_text,
    network_header,
    period_text,
    rounds_text,
    shown,
    summary,
    survey_chart,
    survey_rows,
    title,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:1rem;
color:#1b1b1b;background:#fff;line-height:1.5;max-width:48rem;margin-inline:auto}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .4rem;color:%s}
h3{font-size:1rem;margin:1.2rem 0 .2rem}
.meta{color:#555;font-size:.85rem}.summary{font-size:1.05rem}
figure{margin:.6rem 0}figure svg{width:100%%;height:auto;display:block}
table{border-collapse:collapse;width:100%%;font-size:.95rem}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.level{display:inline-block;width:.8rem;height:.8rem;border-radius:50%%;margin-right:.4rem;
vertical-align:-.1rem;border:1px solid #999}
.note{font-style:italic;color:#444}
""" % _BAR  # noqa: UP031 (CSS is full of braces)


def render_html(report: TrendReport, lang: str = "nl") -> bytes:
    """The report as a UTF-8 HTML page: title, period, summary, charts and tables."""
    words = _words(lang)
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex">',
        f"<title>{esc(title(report, lang))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{esc(title(report, lang))}</h1>",
        f"<p>{esc(period_text(report, lang))}</p>",
        f'<p class="meta">{esc(words["made"].format(date=long_date(report.made_on, lang)))}</p>',
        f'<h2>{esc(words["summary"])}</h2>',
        f'<p class="summary">{esc(summary(report, lang))}</p>',
        f'<h2>{esc(words["tension"])}</h2>',
        _tension_table(report, lang),
    ]
    for heading, figure in _charts(report, lang):
        parts += [f"<h2>{esc(heading)}</h2>",
                  f'<figure role="img" aria-label="{esc(heading)}">{_svg(figure)}</figure>']
    parts.append(f'<p class="note">{esc(words["networks_note"])}</p>')
    keys = ("active", "contacted", "within_rhythm", "interactions", "shared", "asked")
    for section in report.networks:
        parts += [f"<h2>{esc(words[section.network])}</h2>",
                  _table([(words[k], shown(getattr(section, k))) for k in keys])]
    follow = report.follow_ups
    parts += [f'<h2>{esc(words["follow_ups"])}</h2>',
              _table([(words[k], shown(getattr(follow, k)))
                      for k in ("due", "on_time", "late", "open")])]
    parts += _partners(report, lang)
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def _charts(report: TrendReport, lang: str) -> list[tuple[str, Figure]]:
    """The PDF's four charts, each on a figure sized for a phone screen."""
    words = _words(lang)
    charts: list[tuple[str, Figure]] = []

    def figure(rows: int) -> Figure:
        made = _figure((6.4, max(2.4, 0.45 * rows + 1.2)))
        made.subplots_adjust(left=0.3, right=0.95, top=0.88, bottom=0.18)
        return made

    by_area = figure(len(report.by_area))
    _bars(by_area.add_subplot(), [n for n, _ in report.by_area],
          [c for _, c in report.by_area], "", words)
    charts.append((words["signals_area"], by_area))
    over_time = _figure((6.4, 3.2))
    over_time.subplots_adjust(left=0.12, right=0.97, top=0.9, bottom=0.22)
    _line(over_time.add_subplot(), report, lang)
    over_time.axes[0].set_title("")
    charts.append((words["signals_time"], over_time))
    categories = report.by_category or (("-", 0),)
    by_category = figure(len(categories))
    _bars(by_category.add_subplot(), [c.replace("_", " ") for c, _ in categories],
          [n for _, n in categories], "", words)
    charts.append((words["signals_category"], by_category))
    by_level = figure(len(report.by_level))
    _bars(by_level.add_subplot(), [words[f"level_{lv}"] for lv, _ in report.by_level],
          [n for _, n in report.by_level], "", words,
          colours=["#4caf50", "#fdd835", "#fb8c00", "#e53935", "#bdbdbd"])
    charts.append((words["signals_level"], by_level))
    return charts


def _partners(report: TrendReport, lang: str) -> list[str]:
    """Needs surveys (counts, a chart per closed question) and what was shared with partners,
    as on the PDF's last pages."""
    words = _words(lang)
    esc = html.escape
    parts = [f'<h2>{esc(words["surveys"])}</h2>', f"<p>{esc(rounds_text(report, lang))}</p>"]
    if report.surveys.rounds:
        parts += [_grid(network_header(lang), survey_rows(report, lang)),
                  f'<p class="note">{esc(words["surveys_note"])}</p>']
    for question in report.surveys.questions:
        made = _figure((6.4, max(2.2, 0.5 * len(question.answers) + 1.2)))
        made.subplots_adjust(left=0.36, right=0.95, top=0.86, bottom=0.16)
        survey_chart(made.add_subplot(), question, lang, heading=False)
        parts += [f"<h3>{esc(question.text)}</h3>",
                  f'<figure role="img" aria-label="{esc(question.text)}">{_svg(made)}</figure>']
    parts += [f'<h2>{esc(words["shared_partners"])}</h2>',
              f"<p>{esc(messages_text(report, lang))}</p>",
              _grid(network_header(lang), delivery_rows(report, lang))]
    return parts


def _grid(header: list[str], rows: list[list[str]]) -> str:
    """A table with a label column and one column per network."""
    esc = html.escape
    head = "".join(f"<th>{esc(cell)}</th>" for cell in header)
    body = "".join("<tr>" + f"<td>{esc(row[0])}</td>"
                   + "".join(f'<td class="n">{esc(cell)}</td>' for cell in row[1:]) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _svg(figure: Figure) -> str:
    """The figure as inline SVG: labels drawn as outlines, no XML prologue, stable ids."""
    from matplotlib import rc_context

    buffer = io.StringIO()
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": "netwerkregie"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def _tension_table(report: TrendReport, lang: str) -> str:
    words = _words(lang)
    esc = html.escape
    head = "".join(f"<th>{esc(words[k])}</th>" for k in
                   ("col_area", "col_level", "col_assessments", "col_signals"))
    rows = []
    for row in report.tension:
        level = words[row.level] if row.level else words["not_assessed"]
        dot = f'<span class="level" style="background:{_LEVEL_COLOURS[row.level]}"></span>'
        rows.append(f"<tr><td>{esc(row.area)}</td><td>{dot}{esc(level)}</td>"
                    f'<td class="n">{esc(shown(row.assessments))}</td>'
                    f'<td class="n">{esc(shown(row.signals))}</td></tr>')
    if not rows:
        rows.append("<tr><td>-</td><td>-</td><td>-</td><td>-</td></tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _table(rows: list[tuple[str, str]]) -> str:
    esc = html.escape
    body = "".join(f'<tr><td>{esc(label)}</td><td class="n">{esc(value)}</td></tr>'
                   for label, value in rows)
    return f"<table><tbody>{body}</tbody></table>"


__all__ = ["render_html"]
