"""The search page in a real browser: headless Chromium driven by Selenium against a running
`peersearch serve` (started by Tests/ServerTests/BrowserTests.swift over the sample corpus, with
an upload token). Run: python3 search_page.py BASE_URL TOKEN [SCREENSHOT_DIR]

Each test does what a peer worker would: types the quote and presses Enter, follows links,
jumps between occurrences, uploads an article with the token, and looks at the page on a
375 px phone. Hostile text (<script>, an <img onerror>, Mustache braces) must show as written
and run nothing.
"""
import csv
import io
import os
import sys
import unittest
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

BASE, TOKEN = sys.argv[1], sys.argv[2]
SHOTS = sys.argv[3] if len(sys.argv) > 3 else None
QUOTE = '"erfaringer får en anden værdi"'
PORTRAIT = "2021-moed-en-peer-anders-lindberg.txt"
HOSTILE = '<script>window.pwned=1</script> "><img src=x onerror="window.pwned=2"> {{frame.query}}'


def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=da"]:
        options.add_argument(argument)
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    return driver


class SearchPageTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def wait(self, condition, seconds=10):
        return WebDriverWait(self.driver, seconds).until(condition)

    def search(self, text):
        self.driver.get(BASE + "/")
        box = self.driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys(text)
        box.send_keys(Keys.ENTER)
        self.wait(expected_conditions.presence_of_element_located((By.ID, "antal")))

    def shot(self, name):
        if SHOTS:
            self.driver.save_screenshot(os.path.join(SHOTS, name))

    def test_typing_the_quote_finds_the_portrait_first_with_its_passages_marked(self):
        self.search(QUOTE)
        hits = self.driver.find_elements(By.CSS_SELECTOR, "li.hit")
        self.assertGreaterEqual(len(hits), 1)
        first = hits[0]
        self.assertEqual(first.find_element(By.CSS_SELECTOR, ".path").text.rsplit("/", 1)[-1], PORTRAIT)
        self.assertEqual(first.find_element(By.CSS_SELECTOR, ".match").text, "præcis")
        places = [element.text for element in first.find_elements(By.CSS_SELECTOR, ".passage .where")]
        self.assertIn("l. 25", places)
        self.assertIn("l. 27", places)
        marks = [mark.text.lower() for mark in first.find_elements(By.CSS_SELECTOR, ".passage mark")]
        self.assertGreaterEqual(marks.count("erfaringer får en anden værdi"), 2, marks)
        self.assertEqual(self.driver.find_element(By.ID, "antal").text,
                         "1 resultat" if len(hits) == 1 else f"Viser 1–{len(hits)} af {len(hits)}")
        # The result page has its own address, to share or bookmark.
        self.assertIn("q=%22erfaringer", self.driver.current_url)
        self.shot("resultater-desktop.png")

    def test_the_article_page_marks_every_occurrence_and_jumps_to_the_second(self):
        self.search(QUOTE)
        self.driver.find_element(By.CSS_SELECTOR, "li.hit h2 a").click()
        self.wait(expected_conditions.presence_of_element_located((By.ID, "tekst")))
        marks = self.driver.find_elements(By.CSS_SELECTOR, "#tekst mark")
        self.assertGreaterEqual(len(marks), 3)
        self.assertIn("forekomster af søgningen", self.driver.find_element(By.CSS_SELECTOR, ".occurrences").text)
        self.driver.find_element(By.CSS_SELECTOR, '.jump a[href="#f2"]').click()
        self.assertTrue(self.driver.current_url.endswith("#f2"))
        second = self.driver.find_element(By.ID, "f2")
        line = second.find_element(By.XPATH, "./ancestor::div[contains(@class,'line')]")
        self.assertEqual(line.get_attribute("id"), "l25")
        # The jumped-to occurrence is on screen.
        top = self.driver.execute_script("return arguments[0].getBoundingClientRect().top", second)
        self.assertTrue(0 <= top < self.driver.execute_script("return window.innerHeight"), top)
        self.shot("artikel-desktop.png")

    def test_an_article_uploaded_with_the_token_is_found_at_once_and_hostile_text_stays_text(self):
        self.driver.get(BASE + "/tilfoej")
        fields = {"id": "indsendt/xss", "title": HOSTILE, "author": "Redaktionen",
                  "text": "En kasserolle af skrøbelige erfaringer.\n" + HOSTILE + "\n"}
        self.driver.find_element(By.ID, "token").send_keys("xq-wrong-token-7")
        for name, value in fields.items():
            self.driver.find_element(By.ID, name).send_keys(value)
        self.driver.find_element(By.CSS_SELECTOR, "form.upload button").click()
        problem = self.wait(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".problem")))
        self.assertEqual(problem.text, "Adgangsnøglen er forkert.")
        # The fields typed are kept; the token typed is kept in this tab only, never in the page.
        self.assertEqual(self.driver.find_element(By.ID, "title").get_attribute("value"), HOSTILE)
        self.assertNotIn("xq-wrong-token-7", self.driver.page_source)
        token = self.driver.find_element(By.ID, "token")
        token.clear()
        token.send_keys(TOKEN)
        self.driver.find_element(By.ID, "text").send_keys("En kasserolle af skrøbelige erfaringer.\n" + HOSTILE + "\n")
        self.driver.find_element(By.CSS_SELECTOR, "form.upload button").click()
        added = self.wait(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".added a")))
        self.assertEqual(added.text, HOSTILE)
        self.search('"skrøbelige erfaringer"')
        hit = self.driver.find_element(By.CSS_SELECTOR, "li.hit")
        self.assertEqual(hit.find_element(By.CSS_SELECTOR, "h2").text, HOSTILE)
        # The hostile query too: shown as typed, in the box and nowhere run.
        self.search(HOSTILE)
        self.assertEqual(self.driver.find_element(By.ID, "q").get_attribute("value"), HOSTILE)
        self.driver.get(BASE + "/?q=" + "kasserolle")
        self.driver.find_element(By.CSS_SELECTOR, "li.hit h2 a").click()
        self.wait(expected_conditions.presence_of_element_located((By.ID, "tekst")))
        self.assertIn(HOSTILE, self.driver.find_element(By.ID, "tekst").text)
        self.assertIsNone(self.driver.execute_script("return window.pwned"))
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#tekst img, #tekst script, h1 img")), 0)

    def test_a_year_facet_narrows_the_results_to_its_count(self):
        self.search("recovery")
        total = self.driver.find_element(By.ID, "antal").text
        years = self.driver.find_elements(By.XPATH, "//section[@class='facet'][h3='År']//a")
        self.assertGreaterEqual(len(years), 2, total)
        # The years are drawn too: one bar per year, each a link.
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, ".timeline svg a rect")), len(years))
        self.shot("facetter-desktop.png")
        year = years[0].find_element(By.CLASS_NAME, "value").text
        count = int(years[0].find_element(By.CLASS_NAME, "n").text)
        years[0].click()
        self.wait(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".chips")))
        self.assertEqual(self.driver.find_element(By.ID, "antal").text,
                         "1 resultat" if count == 1 else f"Viser 1–{count} af {count}")
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "li.hit")), count)
        for date in self.driver.find_elements(By.CSS_SELECTOR, "li.hit .meta .date"):
            self.assertTrue(date.text.startswith(year), date.text)
        self.assertIn(f"date:{year}", self.driver.find_element(By.CSS_SELECTOR, ".chips").text)
        # The chip takes the filter away again.
        self.driver.find_element(By.CSS_SELECTOR, ".chips a").click()
        self.wait(expected_conditions.text_to_be_present_in_element((By.ID, "antal"), total))

    def test_sorting_by_newest_orders_the_hits_by_date(self):
        self.search("recovery")
        self.driver.find_element(By.CSS_SELECTOR, "#sortering option[value=newest]").click()
        self.wait(expected_conditions.url_contains("sort=newest"))
        dates = [element.text for element in self.driver.find_elements(By.CSS_SELECTOR, "li.hit .meta .date")]
        self.assertGreaterEqual(len(dates), 3)
        self.assertEqual(dates, sorted(dates, reverse=True))
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "#sortering option:checked").text, "Nyeste først")

    def test_similar_articles_lead_from_one_seed_article_to_the_other(self):
        self.search(QUOTE)
        self.driver.find_element(By.CSS_SELECTOR, "li.hit h2 a").click()
        self.wait(expected_conditions.presence_of_element_located((By.ID, "lignende")))
        similar = self.driver.find_elements(By.CSS_SELECTOR, ".similar ol li a")
        self.assertGreaterEqual(len(similar), 1)
        self.assertIn("BOSTEDSLEDER", similar[0].text.upper())
        similar[0].click()
        self.wait(expected_conditions.presence_of_element_located((By.ID, "tekst")))
        self.assertIn("bostedsleder", self.driver.find_element(By.CSS_SELECTOR, ".facts .path").text)

    def test_the_results_download_as_csv_with_one_row_per_passage(self):
        self.search(QUOTE)
        link = self.driver.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
        with urllib.request.urlopen(link) as response:
            self.assertTrue(response.headers["Content-Type"].startswith("text/csv"))
            rows = list(csv.reader(io.StringIO(response.read().decode("utf-8"), newline=""), strict=True))
        self.assertEqual(rows[0], ["path", "title", "author", "date", "page", "line", "text", "match"])
        passages = self.driver.find_elements(By.CSS_SELECTOR, ".passage")
        self.assertEqual(len(rows) - 1, len(passages))
        self.assertTrue(rows[1][0].endswith(PORTRAIT))
        self.assertIn("erfaringer får en anden værdi", " ".join(row[6].lower() for row in rows[1:]))

    def test_the_page_says_no_to_inline_script(self):
        self.driver.get(BASE + "/?q=peer")
        # The Content-Security-Policy forbids inline script: an injected one is refused.
        self.driver.execute_script("""
            const s = document.createElement('script'); s.textContent = 'window.inline = 1'; document.body.append(s);""")
        self.assertIsNone(self.driver.execute_script("return window.inline"))

    def test_every_field_has_a_label_and_the_keyboard_reaches_the_results(self):
        for path in ["/", "/?q=peer", "/tilfoej", "/hjaelp"]:
            self.driver.get(BASE + path)
            for field in self.driver.find_elements(By.CSS_SELECTOR, "input:not([type=hidden]), select, textarea"):
                identifier = field.get_attribute("id")
                labelled = identifier and self.driver.find_elements(By.CSS_SELECTOR, f'label[for="{identifier}"]')
                self.assertTrue(labelled or field.get_attribute("aria-label"), f"{path}: {field.get_attribute('outerHTML')}")
        # Tab from the top: the skip link, then the search box; type, Enter, and tab to a result.
        self.driver.get(BASE + "/")
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        self.assertEqual(self.driver.switch_to.active_element.text, "Spring til indholdet")
        self.driver.switch_to.active_element.send_keys(Keys.TAB, Keys.TAB)
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "q")
        self.driver.switch_to.active_element.send_keys(QUOTE, Keys.ENTER)
        self.wait(expected_conditions.presence_of_element_located((By.ID, "antal")))
        for _ in range(40):
            self.driver.switch_to.active_element.send_keys(Keys.TAB)
            if self.driver.switch_to.active_element.get_attribute("href") and "/artikel/" in self.driver.switch_to.active_element.get_attribute("href"):
                break
        else:
            self.fail("no result link reached by Tab")


class PhoneTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser(375, 812)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def test_no_page_scrolls_sideways_at_375_pixels(self):
        for path, shot in [("/?q=" + QUOTE.replace(" ", "+"), "resultater-telefon.png"), ("/hjaelp", None), ("/tilfoej", None)]:
            self.driver.get(BASE + path)
            width = self.driver.execute_script("return document.documentElement.scrollWidth")
            viewport = self.driver.execute_script("return document.documentElement.clientWidth")
            self.assertLessEqual(width, viewport, path)
            if shot and SHOTS:
                self.driver.save_screenshot(os.path.join(SHOTS, shot))
        self.driver.get(BASE + "/?q=" + QUOTE.replace(" ", "+"))
        self.driver.find_element(By.CSS_SELECTOR, "li.hit h2 a").click()
        WebDriverWait(self.driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "tekst")))
        self.assertLessEqual(self.driver.execute_script("return document.documentElement.scrollWidth"),
                             self.driver.execute_script("return document.documentElement.clientWidth"))
        if SHOTS:
            self.driver.save_screenshot(os.path.join(SHOTS, "artikel-telefon.png"))


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
