"""The report's PNG charts (matplotlib, Agg backend: no display needed).

Bar charts put nutgraf in its own colour; a tool without a figure keeps its
row, labelled with the reason ("not installed", "failed: ..."), so that a
chart never drops a tool silently, as the tables do not.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Union

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

from growth import SIZES as GROWTH_SIZES, Growth  # noqa: E402

OURS, PEER, MISSING = "#c0392b", "#7f8c8d", "#999999"
# Line colours for the peers: matplotlib's tab10 without its red, which is nutgraf's.
PEER_LINES = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
              "#17becf", "#000000"]


@dataclass
class Panel:
    title: str
    values: Dict[str, Union[float, str]]  # tool -> figure, or why it has none
    xlabel: str
    log: bool = False


def _is_ours(name: str) -> bool:
    return name.lower().startswith("nutgraf")


def _draw(ax, panel: Panel) -> None:
    names = list(panel.values)[::-1]  # first tool at the top
    figures = [v if isinstance(v, (int, float)) else None for v in (panel.values[n] for n in names)]
    shown = [f for f in figures if f is not None and f > 0]
    floor = min(shown) / 3 if panel.log and shown else 0
    ax.barh(range(len(names)), [f if f is not None else floor for f in figures],
            color=[MISSING if f is None else OURS if _is_ours(n) else PEER for n, f in zip(names, figures)],
            left=floor if panel.log else 0)
    ax.set_yticks(range(len(names)), names, fontsize=8)
    if panel.log:
        ax.set_xscale("log")
    top = max(shown) if shown else 1
    for i, (name, figure) in enumerate(zip(names, figures)):
        if figure is None:
            ax.text(floor if panel.log else 0, i, "  " + str(panel.values[name])[:40], va="center",
                    fontsize=7, color="#555555")
        else:
            label = f"{figure:,.0f}" if figure >= 100 else f"{figure:.3g}"
            ax.text(figure, i, " " + label, va="center", fontsize=7)
    ax.set_xlim(right=top * (4 if panel.log else 1.15))
    ax.set_title(panel.title, fontsize=10)
    ax.set_xlabel(panel.xlabel, fontsize=9)
    ax.grid(axis="x", which="major", alpha=0.3)


def bars(path: Path, panels: List[Panel], suptitle: Optional[str] = None) -> Path:
    """One figure of bar panels side by side, written to path."""
    rows = max(len(p.values) for p in panels)
    fig, axes = plt.subplots(1, len(panels), figsize=(5.5 * len(panels), 0.9 + 0.32 * rows), squeeze=False)
    for ax, panel in zip(axes[0], panels):
        _draw(ax, panel)
    if suptitle:
        fig.suptitle(suptitle, fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def growth_chart(path: Path, title: str, series: Dict[str, Union[Growth, str]]) -> Path:
    """Seconds per call against input bytes, log-log, one line per tool."""
    fig, ax = plt.subplots(figsize=(7.5, 5))
    peer_colours = iter(PEER_LINES * 2)
    largest = 0
    for name, growth in series.items():
        if isinstance(growth, str) or not growth.points:
            ax.plot([], [], label=f"{name}: {growth if isinstance(growth, str) else growth.stopped}"[:60])
            continue
        sizes, seconds = zip(*growth.points)
        largest = max(largest, max(sizes))
        label = name + (" (stopped " + growth.stopped + ")" if growth.stopped else "")
        ax.plot(sizes, seconds, marker="o", markersize=3, label=label[:70],
                linewidth=2.5 if _is_ours(name) else 1.2, color=OURS if _is_ours(name) else next(peer_colours))
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ticks = [size for size in GROWTH_SIZES if size <= max(largest, GROWTH_SIZES[0])]
    ax.set_xticks(ticks, [f"{size // 2**20} MB" if size >= 2**20 else f"{size // 2**10} KB" for size in ticks],
                  fontsize=8)
    ax.set_xlabel("input: one string of this many bytes (UTF-8)", fontsize=9)
    ax.set_ylabel("seconds per call (median)", fontsize=9)
    ax.set_title(title + "\n(log-log: a line of slope 1 is linear time)", fontsize=10)
    ax.grid(which="major", alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
