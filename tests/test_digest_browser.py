"""The preview HTML in real headless Chromium: desktop and phone widths, dark mode, overflow, links.

Two digests: the small hand-made sample, and a real-volume day (tests/digest_day.py: real articles
through the real service). Screenshots land beside the previews ($MONITOR_SCREENSHOT_DIR or the
test's tmp folder) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
from html import escape, unescape
from pathlib import Path

import pytest
from digest_day import Day, build_day
from digest_sample import content, stories

from monitor.digest.render import preview_html, render_digest
from tests.support.require import require

CHROMIUM = Path("/usr/bin/chromium")
WIDTHS = (1200, 375)
pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium() -> None:
    """Skip on a laptop without Chromium; fail in CI, where .ci/run installs it."""
    if not CHROMIUM.exists():
        require("MONITOR_REQUIRE_BROWSER", "needs Debian's chromium (/usr/bin/chromium)")


# Headless Chromium will not shrink a window below 500 px, so the page is measured inside an
# iframe of the exact width (media queries follow the iframe). The probe, appended to a copy of
# the preview only, reports layout facts into the parent's DOM for --dump-dom.
PROBE = """
<script>
(function () {
  var right = 0;
  document.querySelectorAll("body *").forEach(function (el) {
    right = Math.max(right, el.getBoundingClientRect().right);
  });
  var facts = {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    maxRight: Math.ceil(right),
    links: Array.prototype.map.call(document.querySelectorAll("a[href]"),
                                    function (a) { return a.getAttribute("href"); })
  };
  var pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify(facts);
  parent.document.body.appendChild(pre);
})();
</script>
"""


def chromium(profile: Path, width: int, height: int, *args: str) -> str:
    """Run headless Chromium once, isolated and offline-friendly; return its stdout."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where previews and screenshots go."""
    path = Path(os.environ.get("MONITOR_SCREENSHOT_DIR") or tmp_path_factory.mktemp("preview"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def sample(folder: Path) -> tuple[Path, set[str]]:
    """Write the sample's preview HTML (what `monitor digest --preview out.html` writes)."""
    path = folder / "out.html"
    path.write_text(preview_html(render_digest(content())), encoding="utf-8")
    return path, {s.url for s in stories()}


@pytest.fixture(scope="module")
def built(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Day:
    """Build the real-volume day once for this module."""
    return build_day(shared_data, tmp_path_factory.mktemp("day"))


@pytest.fixture(scope="module")
def day(folder: Path, built: Day) -> tuple[Path, set[str]]:
    """Copy the day's outbox preview beside the sample's; its links are the stories shown."""
    path = folder / "day.html"
    path.write_text(built.preview_path.read_text(encoding="utf-8"), encoding="utf-8")
    shown = {s.url for section in built.content.sections for s in section.stories}
    return path, shown | {s.url for s in built.content.top}


@pytest.fixture(scope="module")
def full_list(folder: Path, built: Day) -> tuple[Path, set[str]]:
    """Write the day's full list (the attachment, and what the web page serves)."""
    path = folder / "day-full-list.html"
    path.write_text(built.full_list, encoding="utf-8")
    return path, {s.url for section in built.full.sections for s in section.stories}


@pytest.fixture(params=["sample", "day", "full_list"])
def preview(request: pytest.FixtureRequest) -> tuple[Path, set[str]]:
    """Each digest in turn: its preview file and the story links it must carry."""
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_overflow_and_every_story_link_present(
    preview: tuple[Path, set[str]], tmp_path: Path, width: int
) -> None:
    path, expected = preview
    page = path.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>")
    frame = tmp_path / "frame.html"
    frame.write_text(
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe style="border:0;width:{width}px;height:900px" srcdoc="{escape(page)}"></iframe>'
        "</body></html>",
        encoding="utf-8",
    )
    dom = chromium(tmp_path / "profile", 1300, 1000, "--dump-dom", frame.as_uri())
    match = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert match, "probe script did not run"
    facts = json.loads(unescape(match[1]))
    assert facts["innerWidth"] == width
    assert facts["scrollWidth"] <= facts["innerWidth"], facts
    assert facts["maxRight"] <= facts["innerWidth"], facts
    assert expected <= set(facts["links"])


@pytest.mark.parametrize(("width", "scheme"), [(1200, "light"), (375, "light"), (375, "dark")])
def test_screenshot_renders_at_width(
    preview: tuple[Path, set[str]], tmp_path: Path, width: int, scheme: str
) -> None:
    path, _ = preview
    shot = path.with_name(f"{path.stem}-{width}-{scheme}.png")
    # Blink's preferredColorScheme: 0 is dark, 1 is light (what prefers-color-scheme reports).
    dark = ["--blink-settings=preferredColorScheme=0"] if scheme == "dark" else []
    height = {"out": 2400, "day": 12000}.get(path.stem, 20000)
    chromium(tmp_path / "profile", width, height, *dark, f"--screenshot={shot}", path.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", data[16:20])[0] == width
