"""The preview HTML in real headless Chromium: desktop and phone widths, overflow, links."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
from html import escape, unescape
from pathlib import Path

import pytest
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
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the preview HTML (what `monitor digest --preview out.html` writes)."""
    folder = Path(os.environ.get("MONITOR_SCREENSHOT_DIR") or tmp_path_factory.mktemp("preview"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "out.html"
    path.write_text(preview_html(render_digest(content())), encoding="utf-8")
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_no_horizontal_overflow_and_every_story_link_present(
    preview: Path, tmp_path: Path, width: int
) -> None:
    page = preview.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>")
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
    assert {s.url for s in stories()} <= set(facts["links"])


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_renders_at_width(preview: Path, tmp_path: Path, width: int) -> None:
    shot = preview.with_name(f"digest-{width}.png")
    chromium(tmp_path / "profile", width, 2400, f"--screenshot={shot}", preview.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">I", data[16:20])[0] == width
