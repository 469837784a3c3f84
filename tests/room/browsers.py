"""Headless Chromium (Debian's chromium + chromium-driver) driven by Selenium, for the room.

Each ``Phone`` is its own browser with a fresh profile, so each has its own
cookie, exactly like separate phones. Selenium calls block, so tests call
them through ``asyncio.to_thread`` while the app keeps serving on its loop.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
MISSING = (
    None
    if CHROMIUM and DRIVER
    else "the browser test needs Debian's chromium and chromium-driver "
    "(apt-get install -y chromium chromium-driver; .ci/run installs them)"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=420,900",
]
WAIT = 20.0  # seconds, for each wait in the page


class Phone:
    def __init__(self, *, javascript: bool = True) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        assert CHROMIUM and DRIVER
        self.profile = Path(tempfile.mkdtemp(prefix="room-phone-"))
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        if not javascript:
            options.add_experimental_option(
                "prefs", {"profile.managed_default_content_settings.javascript": 2}
            )
        self.javascript = javascript
        self.driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
        self.driver.set_page_load_timeout(WAIT)

    def open(self, url: str) -> None:
        self.driver.get(url)

    def text_of(self, element_id: str) -> str:
        from selenium.webdriver.common.by import By

        return str(self.driver.find_element(By.ID, element_id).text)

    def send(self, text: str) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec
        from selenium.webdriver.support.ui import WebDriverWait

        box = self.driver.find_element(By.ID, "text")
        box.clear()
        box.send_keys(text)
        self.driver.find_element(By.CSS_SELECTOR, "#add button").click()
        try:
            WebDriverWait(self.driver, WAIT).until(
                ec.text_to_be_present_in_element((By.ID, "flash"), "Sent")
            )
        except Exception as err:
            raise AssertionError(f"not sent: {self.driver.page_source[:3000]}") from err
        if self.javascript:  # the script clears the box once the item is sent
            WebDriverWait(self.driver, WAIT).until(lambda d: box.get_attribute("value") == "")

    def accepted(self) -> list[str]:
        from selenium.webdriver.common.by import By

        return [li.text for li in self.driver.find_elements(By.CSS_SELECTOR, "#accepted li")]

    def wait_accepted(self, expected: list[str]) -> list[str]:
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, WAIT).until(lambda d: self.accepted() == expected)
        return self.accepted()

    def wait_vote_open(self) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#options li")
        )

    def dot(self, option: int) -> None:
        """Put a dot on option ``option`` (the + button of its row)."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as ec
        from selenium.webdriver.support.ui import WebDriverWait

        self.wait_vote_open()
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#options li")
        before = self.text_of("left")
        rows[option].find_elements(By.CSS_SELECTOR, "button")[0].click()
        if self.javascript:
            WebDriverWait(self.driver, WAIT).until(
                ec.text_to_be_present_in_element((By.ID, "flash"), "counted")
            )
            WebDriverWait(self.driver, WAIT).until(lambda d: self.text_of("left") != before)
        else:
            WebDriverWait(self.driver, WAIT).until(
                ec.text_to_be_present_in_element((By.ID, "flash"), "counted")
            )

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
