"""The handoff page in a real browser (Debian's Chromium via Playwright) against `agent-assist serve --demo`."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from domain.links import sign_link
from tests.e2e.stack import BIN, REPO, free_port, wait_http

pytestmark = pytest.mark.e2e

SECRET = "e2e-portal-link-secret"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium") or "/usr/bin/chromium"
DEMO_PHONE = "+15551234567"
SECTIONS = [
    "Transfer reason",
    "Compliance flags",
    "Summary",
    "Next steps",
    "Information collected",
    "Caller sentiment",
    "Transcript",
]


class Service:
    def __init__(self, base_url: str, key: str) -> None:
        self.base_url = base_url
        self.key = key

    def http(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, timeout=15, headers={"Authorization": f"Bearer {self.key}"}
        )

    def link(self, phone: str) -> str:
        with self.http() as http:
            response = http.post(f"/core/agent-assist/{phone}/link")
        assert response.status_code == 200, response.text
        url: str = response.json()["url"]
        return url


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    workdir = tmp_path_factory.mktemp("portal")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "AGENT_ASSIST_DATA_DIR": str(workdir / "data"),
        "AGENT_ASSIST_LINK_SECRET": SECRET,
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    log_path = workdir / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(BIN / "agent-assist"), "serve", "--demo"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_http(base_url + "/ready", timeout=90, process=process)
        key = re.search(r"\b(ak_[A-Za-z0-9_-]+)", log_path.read_text(errors="replace"))
        assert key, log_path.read_text(errors="replace")
        yield Service(base_url, key.group(1))
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()  # closes the page's event stream too, so the service can stop promptly
    assert errors == [], errors


def screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def organization_of(url: str) -> str:
    token = re.search(r"[?&]t=([^&]+)", url)
    assert token
    return token.group(1).split(".")[1]


def test_the_page_shows_every_section_of_a_demo_call_on_one_screen(service: Service, page: Any) -> None:
    response = page.goto(service.link(DEMO_PHONE))
    assert response.status == 200
    assert response.headers["cache-control"] == "no-store, private"
    assert response.headers["referrer-policy"] == "no-referrer"
    page.wait_for_selector("#connection[data-state='live']", timeout=15_000)

    assert page.locator("h1").inner_text() == "Maria Gonzalez"
    assert page.locator("h2").evaluate_all("hs => hs.map(h => h.firstChild.textContent.trim())") == SECTIONS
    badge = page.locator(".caller .badge")
    assert badge.inner_text().strip() == "Escalated"  # the level in words, not colour alone
    assert page.locator(".compliance .flag").count() >= 1
    assert page.locator(".compliance").is_visible()
    assert page.locator(".summary li").count() >= 3
    assert page.locator("table.info tbody tr").count() >= 3
    assert page.locator("table.info thead th").all_inner_texts() == ["ITEM", "VALUE"]
    assert 1 <= page.locator(".steps li").count() <= 3
    assert re.search(r"(High|Medium|Low) confidence", page.locator(".steps").inner_text())
    assert page.locator(".turn").count() == 11
    escalation = page.locator("#turn-9 .marker-escalation_trigger")
    assert escalation.count() == 1  # a marker sits at the turn it is about
    assert page.locator("svg.chart circle").count() == 5
    assert "Caller sentiment over 5 caller turns" in page.locator("svg.chart desc").text_content()
    assert re.fullmatch(r"\d+:\d\d", page.locator(".duration").inner_text())

    # One screen: every section's heading is inside the 1280x800 viewport, nothing scrolls the page itself.
    assert page.evaluate("document.documentElement.scrollHeight") <= 800
    for heading in page.locator("h1, h2").all():
        box = heading.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800 and box["x"] + box["width"] <= 1280
    screenshot(page, "portal-demo.png")


def test_a_turn_appended_through_the_api_appears_on_the_open_page(service: Service, page: Any) -> None:
    phone = "+15550102030"
    with service.http() as http:
        created = http.post(
            "/core/conversations",
            json={
                "user_id": phone,
                "status": "in_progress",
                "custom_metadata": {"caller_name": "Dana Wright"},
                "conversation": {
                    "turns": [
                        {
                            "segment_id": "a0",
                            "role": "assistant",
                            "content": "Bluebird, this call is recorded.",
                        },
                        {"segment_id": "u1", "role": "user", "content": "Hi, my luggage never arrived."},
                    ]
                },
            },
        )
        assert created.status_code == 201, created.text
        conversation_id = created.json()["id"]

        page.goto(service.link(phone))
        page.wait_for_selector("#connection[data-state='live']", timeout=15_000)
        page.evaluate("window.__sameDocument = true")
        assert page.locator(".turn").count() == 2

        said = "This is ridiculous, I want to speak to a manager right now!"
        appended = http.post(
            f"/core/conversations/{conversation_id}/turns",
            json={"turns": [{"segment_id": "u3", "role": "user", "content": said, "final": True}]},
        )
        assert appended.status_code in (200, 201), appended.text
        page.locator("#turn-2 .content").get_by_text(said, exact=True).wait_for(timeout=10_000)
        assert page.evaluate("window.__sameDocument === true")  # updated in place, never reloaded
        assert page.locator(".caller .badge").inner_text().strip() != "Calm"
        page.wait_for_function(
            "document.getElementById('announcer').textContent.includes('new turn')", timeout=5_000
        )
        screenshot(page, "portal-live.png")

        ended = http.patch(f"/core/conversations/{conversation_id}", json={"status": "transferred"})
        assert ended.status_code == 200
        page.wait_for_selector("#connection:has-text('Call has ended')", timeout=10_000)
        assert page.locator(".caller .status").inner_text().strip() == "Transferred"
        assert page.evaluate("window.__sameDocument === true")
        screenshot(page, "portal-ended.png")


def test_long_names_words_and_values_stay_inside_their_columns(service: Service, page: Any) -> None:
    phone = "+15550102099"
    long_word = "x" * 3000
    with service.http() as http:
        created = http.post(
            "/core/conversations",
            json={
                "user_id": phone,
                "custom_metadata": {"caller_name": "Maximiliano " * 20},
                "conversation": {
                    "turns": [
                        {"role": "assistant", "content": "Thanks for calling, this call is recorded."},
                        {
                            "role": "user",
                            "content": f"My order number is {'7' * 120} and my email is {'a' * 200}@example.com. "
                            f"Also {long_word}\nand a second line in {'مرحبا ' * 5}",
                        },
                    ]
                },
            },
        )
        assert created.status_code == 201, created.text
    page.goto(service.link(phone))
    page.wait_for_selector("#connection[data-state='live']", timeout=15_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280, page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > 1280).map(e => e.className)"
    )
    for fact in page.locator(".facts .fact").all():
        box = fact.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 1280  # sentiment, duration, status on screen
    for column in page.locator(".column").all():
        assert column.evaluate("c => c.scrollWidth <= c.clientWidth + 1")
    assert page.locator("#turn-1 .content").get_attribute("dir") == "auto"


def test_an_unknown_number_shows_not_found(service: Service, page: Any) -> None:
    organization = organization_of(service.link(DEMO_PHONE))
    token = sign_link(SECRET.encode(), organization, "+15550009999", now=int(time.time()), ttl_s=60).token
    response = page.goto(f"{service.base_url}/agent-assist/+15550009999?t={token}")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Not Found"
    screenshot(page, "portal-not-found.png")


def test_an_expired_or_edited_link_is_refused_with_a_clear_page(service: Service, page: Any) -> None:
    url = service.link(DEMO_PHONE)
    organization = organization_of(url)
    stale = sign_link(SECRET.encode(), organization, DEMO_PHONE, now=int(time.time()) - 3600, ttl_s=900)
    response = page.goto(f"{service.base_url}/agent-assist/{DEMO_PHONE}?t={stale.token}")
    assert response.status == 401
    assert page.locator("h1").inner_text() == "This link has expired"
    assert "Ask for a new one" in page.locator("main").inner_text()
    assert "Maria" not in page.content() and "Traceback" not in page.content()
    screenshot(page, "portal-expired.png")

    response = page.goto(url.replace(DEMO_PHONE, "+15557654321"))
    assert response.status == 403
    assert page.locator("h1").inner_text() == "This link is not valid"


def test_keyboard_reaches_the_main_regions_and_headings_are_in_order(service: Service, page: Any) -> None:
    page.goto(service.link(DEMO_PHONE))
    page.wait_for_selector("#connection[data-state='live']", timeout=15_000)
    levels = page.locator("h1, h2, h3, h4, h5, h6").evaluate_all("hs => hs.map(h => Number(h.tagName[1]))")
    assert levels[0] == 1 and levels.count(1) == 1 and all(level == 2 for level in levels[1:])

    reached: list[str] = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.id || e.getAttribute('aria-label') || e.className || e.tagName; })()"
            )
        )
    assert reached[0] == "skip"
    for region in ("Why the caller needs you", "What you know and what to do", "transcript"):
        assert region in reached, reached
    # Focus is visible: the focused region draws an outline.
    page.locator("#transcript").focus()
    outline = page.locator("#transcript").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"
    # The skip link lands on the transcript.
    page.locator("a.skip").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#transcript"
    screenshot(page, "portal-keyboard.png")
