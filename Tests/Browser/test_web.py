#!/usr/bin/env python3
"""Browser test of `policy-search serve` (Selenium, headless Debian chromium).

Starts the server on a free loopback port over a copy of Corpus/ (plus a
hostile document), then: types a query and checks the count, clicks a facet,
opens a document and moves between its hits with `n`, downloads the CSV and
compares it with `policy-search export`, and checks that the hostile document
runs no script. Screenshots (1400 px and 420 px wide) go to /tmp/web-shots/.

Skips (exit 0, saying so) when chromium, chromedriver or selenium is missing.
Usage: python3 Tests/Browser/test_web.py [path/to/policy-search]
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "policy-search")
SHOTS = "/tmp/web-shots"
DRIVER = "/usr/bin/chromedriver"
HOSTILE = """---
title: 恶意测试<script>window.__xss=1</script>
issuer: '"><img src=x onerror="window.__xss=2">'
region: 测试
date: 2020-01-01
type: 通知
---
恶意测试 <script>window.__xss=3</script> 与 "><img src=x onerror="window.__xss=4"> 的段落。

第二段恶意测试 <svg onload="window.__xss=5"></svg>。
"""


# A document that cites one of Corpus/ by title, and an external title with markup.
CITING = """---
title: 引用测试文件
date: 2018-01-01
---
# 引用测试文件

根据《郑州市大数据发展应用促进条例》和《<b>不在语料库的</b>办法》，制定本文件。
"""


def skip(reason):
    print(f"test_web.py: skipped: {reason}")
    sys.exit(0)


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    browser = chromium()
    if browser is None or not os.path.exists(DRIVER):
        skip("chromium or chromium-driver is not installed (apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
        from selenium.common.exceptions import NoAlertPresentException
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        from selenium.webdriver.support import expected_conditions as EC
        from selenium.webdriver.support.ui import WebDriverWait
    except ImportError:
        skip("selenium is not installed (pip install selenium)")
    if not os.access(BINARY, os.X_OK):
        sys.exit(f"test_web.py: no policy-search at {BINARY}: build it first")
    os.environ["SE_AVOID_STATS"] = "true"
    os.makedirs(SHOTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="policy-web-")
    corpus = os.path.join(work, "corpus")
    shutil.copytree(os.path.join(ROOT, "Corpus"), corpus)
    with open(os.path.join(corpus, "zz-hostile.md"), "w", encoding="utf-8") as f:
        f.write(HOSTILE)
    with open(os.path.join(corpus, "zz-cites.md"), "w", encoding="utf-8") as f:
        f.write(CITING)
    index = os.path.join(work, "index")
    port = free_port()
    server = subprocess.Popen([BINARY, "serve", "--index", index, "--corpus", corpus, "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = None
    try:
        line = server.stdout.readline()
        assert line.startswith("policy-search: serving http://127.0.0.1:"), f"no URL line: {line!r} {server.stderr.read() if server.poll() is not None else ''}"
        base = line.split()[-1]
        assert base == f"http://127.0.0.1:{port}/", base

        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
            options.add_argument(argument)
        driver = webdriver.Chrome(service=Service(DRIVER), options=options)
        wait = WebDriverWait(driver, 20)

        def shots(name):
            for width in (1400, 420):
                driver.set_window_size(width, 1000)
                time.sleep(0.3)
                driver.save_screenshot(os.path.join(SHOTS, f"{name}-{width}.png"))
            driver.set_window_size(1400, 1000)

        def cli(*arguments):
            return subprocess.run([BINARY, *arguments, "--index", index], cwd=ROOT, capture_output=True, check=True).stdout

        query = "数据交易"
        expected_csv = cli("export", query, "-o", "-", "--format", "csv")
        expected_total = len(cli("export", query, "-o", "-", "--format", "jsonl").splitlines())

        # The box has focus after `/`; a query typed there gives the exact count.
        driver.get(base)
        shots("home")
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        box = driver.find_element(By.ID, "q")
        assert driver.switch_to.active_element == box, "/ does not focus the box"
        box.send_keys(query + Keys.ENTER)
        total = wait.until(EC.presence_of_element_located((By.ID, "total-hits")))
        assert int(total.text) == expected_total, (total.text, expected_total)
        print(f"ok: {query} gives {expected_total} hits, as export does")
        shots("search")

        # j/k select results.
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys("j")
        body.send_keys("j")
        current = driver.find_elements(By.CSS_SELECTOR, ".result.current")
        assert len(current) == 1 and current[0] == driver.find_elements(By.CSS_SELECTOR, ".result")[1], "j does not move"
        print("ok: j moves between results")

        # A facet adds its filter; the count shrinks to the facet's number of documents.
        facet = driver.find_element(By.CSS_SELECTOR, ".facet[data-facet=region] li a")
        documents = int(facet.find_element(By.CSS_SELECTOR, ".n").text)
        value = facet.find_element(By.CSS_SELECTOR, ".value").text
        facet.click()
        wait.until(EC.url_contains("region="))
        assert int(driver.find_element(By.ID, "total-documents").text) == documents
        active = driver.find_element(By.CSS_SELECTOR, ".facet[data-facet=region] li.active a")
        assert value in active.text
        active.click()
        wait.until(lambda d: "region=" not in d.current_url)
        print(f"ok: facet region:{value} gives {documents} documents and is removed again")

        # A document with several hits, opened from the by-document mode; `n` twice moves the mark.
        driver.get(base + "search?" + urllib.parse.urlencode({"q": query, "mode": "documents"}))
        shots("documents")
        rows = driver.find_elements(By.CSS_SELECTOR, ".document-result")
        counts = [int(r.find_element(By.CSS_SELECTOR, ".count").text.split()[0]) for r in rows]
        best = rows[counts.index(max(counts))]
        assert max(counts) >= 3, counts
        best.find_element(By.CSS_SELECTOR, "a.open").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".para.hit")))
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys("n")
        first = driver.find_element(By.CSS_SELECTOR, ".para.hit.current").get_attribute("data-hit")
        body.send_keys("n")
        body.send_keys("n")
        marked = driver.find_elements(By.CSS_SELECTOR, ".para.hit.current")
        assert len(marked) == 1 and int(marked[0].get_attribute("data-hit")) == int(first) + 2, (first, marked)
        assert driver.current_url.endswith("#" + marked[0].get_attribute("id"))
        body.send_keys("p")
        assert int(driver.find_element(By.CSS_SELECTOR, ".para.hit.current").get_attribute("data-hit")) == int(first) + 1
        print("ok: n twice moves the marked hit by two, p back by one")
        shots("document")
        body.send_keys("u")
        wait.until(EC.presence_of_element_located((By.ID, "total-hits")))
        print("ok: u goes back to the results")

        # The CSV download is what `policy-search export` writes.
        link = driver.find_element(By.CSS_SELECTOR, "a.download").get_attribute("href")
        with urllib.request.urlopen(link) as response:
            downloaded = response.read()
        assert downloaded == expected_csv, (len(downloaded), len(expected_csv))
        print(f"ok: the CSV download ({len(downloaded)} bytes) equals policy-search export")

        # KWIC: as many aligned lines as `policy-search kwic`, sorted by the right context.
        import json
        expected_lines = [json.loads(line) for line in
                          cli("kwic", query, "--sort", "right", "--width", "12", "-o", "-", "--format", "jsonl").splitlines()]
        kwic_lines = len(expected_lines)
        driver.get(base + "kwic?" + urllib.parse.urlencode({"q": query, "sort": "right", "width": "12"}))
        assert int(driver.find_element(By.ID, "total-lines").text) == kwic_lines, kwic_lines
        shown = [(row.find_element(By.CSS_SELECTOR, "td.match").text, row.find_element(By.CSS_SELECTOR, "td.right").text)
                 for row in driver.find_elements(By.CSS_SELECTOR, "table.kwic tbody tr")]
        assert shown and shown == [(line["match"], line["right"].strip()) for line in expected_lines[:len(shown)]], shown[:3]
        print(f"ok: KWIC shows the {kwic_lines} lines of policy-search kwic")
        shots("kwic")

        # Tally: the heat map's cells link to exactly the documents they count.
        queries = [query, "大数据", "数据安全"]
        tally = json.loads(cli("tally", *queries, "--by", "region", "--format", "json"))
        driver.get(base + "tally?" + urllib.parse.urlencode({"q": "\n".join(queries), "by": "region"}))
        cells = driver.find_elements(By.CSS_SELECTOR, "svg.chart.heat a")
        assert cells, "no heat map cells"
        shots("tally")
        target = cells[0].get_dom_attribute("href")  # an SVG link's href property is no string
        parameters = urllib.parse.parse_qs(urllib.parse.urlparse(target).query)
        group, asked = parameters["region"][0], parameters["q"][0]
        row = next(g for g in tally["groups"] if g["group"] == group)
        counted = next(c for c in row["counts"] if c["query"] == asked)
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", cells[0])
        wait.until(EC.presence_of_element_located((By.ID, "total-hits")))
        assert int(driver.find_element(By.ID, "total-documents").text) == counted["documents"], (group, asked, counted)
        assert int(driver.find_element(By.ID, "total-hits").text) == counted["passages"], (group, asked, counted)
        print(f"ok: the tally cell {asked} × {group} opens its {counted['documents']} documents and {counted['passages']} passages")
        driver.get(base + "tally?" + urllib.parse.urlencode({"q": query, "by": "type"}))
        assert driver.find_elements(By.CSS_SELECTOR, "svg.chart.bars rect.bar")
        shots("tally-bars")

        # Codebook: the summary and every cell as `policy-search code` counts
        # them; a click on a cell lists exactly the passages it counts.
        coding = json.loads(cli("code", os.path.join(corpus, "codebook.yaml"), "--format", "json"))
        driver.get(base + "code?" + urllib.parse.urlencode({"book": "codebook.yaml"}))
        wait.until(EC.presence_of_element_located((By.ID, "code-matrix")))
        assert int(driver.find_element(By.ID, "document-count").text) == coding["documents"], coding["documents"]
        summary = [[cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
                   for row in driver.find_elements(By.CSS_SELECTOR, "#code-summary tbody tr")]
        assert [(r[0], r[2]) for r in summary] == [(t["name"], f"{t['documents']} / {coding['documents']}") for t in coding["themes"]], summary[:3]
        shots("code")
        cell = driver.find_elements(By.CSS_SELECTOR, "#code-matrix td.cell a")[0]
        parameters = urllib.parse.parse_qs(urllib.parse.urlparse(cell.get_attribute("href")).query)
        theme, path = parameters["theme"][0], parameters["row"][0]
        expected = next(r for r in coding["matrix"] if r["path"] == path)["themes"][theme]["passages"]
        assert cell.text == str(expected), (cell.text, expected)
        cell.click()
        wait.until(EC.presence_of_element_located((By.ID, "evidence-count")))
        assert int(driver.find_element(By.ID, "evidence-count").text) == expected, (theme, path, expected)
        assert len(driver.find_elements(By.CSS_SELECTOR, "#evidence li.hit")) == expected
        assert driver.find_elements(By.CSS_SELECTOR, "#evidence li.hit mark"), "the evidence marks its matches"
        print(f"ok: the codebook cell {theme} × {path} lists its {expected} passages")
        shots("code-evidence")
        # A pasted codebook, grouped by level.
        driver.get(base + "code")
        driver.find_element(By.ID, "code-yaml").send_keys("themes:\n  - name: 交易\n    terms: [数据交易]\n  - name: 安全\n    terms: [数据安全]\n")
        driver.find_element(By.CSS_SELECTOR, "select[name=by] option[value=level]").click()
        driver.find_element(By.CSS_SELECTOR, ".code-form button").click()
        wait.until(EC.presence_of_element_located((By.ID, "code-matrix")))
        assert driver.find_element(By.ID, "theme-count").text == "2"
        rows = driver.find_elements(By.CSS_SELECTOR, "#code-matrix tbody tr")
        assert rows, "no grouped rows"
        shots("code-grouped")
        print(f"ok: a pasted codebook codes {len(rows)} groups of documents by level")

        # A document's page lists what cites it; the link opens the citing line,
        # whose page links back to the cited document.
        cited = "郑州市大数据发展应用促进条例"
        citing = [json.loads(line) for line in cli("cited-by", cited, "--format", "json").splitlines()]
        assert [c["title"] for c in citing] == ["引用测试文件"], citing
        driver.get(base + "search?" + urllib.parse.urlencode({"q": "大数据 title:=" + cited}))
        driver.find_element(By.CSS_SELECTOR, "a.open").click()
        count = wait.until(EC.presence_of_element_located((By.ID, "cited-by-count")))
        assert int(count.text) == len(citing), (count.text, len(citing))
        cited_url = driver.current_url.split("?")[0].split("#")[0]
        shots("document-citations")
        def click(selector):
            element = driver.find_element(By.CSS_SELECTOR, selector)
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
            element.click()

        click("a.citing")
        wait.until(EC.presence_of_element_located((By.ID, "cites-count")))
        assert driver.current_url.endswith("#L" + str(citing[0]["passages"][0]["line"])), driver.current_url
        assert "《<b>不在语料库的</b>办法》" in driver.find_element(By.CSS_SELECTOR, ".citations").text
        click("a.cited")
        wait.until(EC.presence_of_element_located((By.ID, "cited-by-count")))
        assert driver.current_url.split("#")[0] == cited_url and driver.find_element(By.TAG_NAME, "h1").text == cited
        print(f"ok: {cited} is cited by {len(citing)} document, linked both ways as cited-by lists it")

        # The hostile document runs nothing, in results and whole.
        driver.get(base + "search?" + urllib.parse.urlencode({"q": "恶意测试"}))
        assert int(driver.find_element(By.ID, "total-hits").text) >= 1
        driver.find_element(By.CSS_SELECTOR, "a.open").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".para.hit")))
        time.sleep(0.5)
        assert driver.execute_script("return window.__xss === undefined"), "a script of the document ran"
        try:
            driver.switch_to.alert
            raise AssertionError("an alert is open")
        except NoAlertPresentException:
            pass
        assert "<script>window.__xss=3</script>" in driver.find_element(By.CSS_SELECTOR, ".text").text
        print("ok: the hostile document shows its markup as text and runs no script")
        print(f"test_web.py: all passed; screenshots in {SHOTS}")
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
