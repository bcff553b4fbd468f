#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks a portfolio site written by Credence.

    check-site.py SITE [--base-url URL] [--chromium] [--expect FILE]
                  [--screenshots DIR] [--control-url URL]

Always: every page is well-formed (XML parser, and a tag-balance check
with html.parser), has no script but JSON-LD, no event-handler or style
attribute, no form, frame, object, base or style element; every src and
href stays inside the folder and names a file that exists, or is an
http(s) link on an <a>; the absolute URLs in link-preview meta tags start
with the base URL; style.css loads nothing.  Pictures on pages are PNGs:
no page shows an .svg in <img> or another embedding element, and a link
to one downloads it.  Every .svg in the folder (a badge's original file)
is a plain picture by a second, independent check: no DTD subset, no
script, foreignObject, HTML or other embedding element, no on* attribute,
no href but "#..." (or a raster data: URL on <image>), no url() but "#...".

With --chromium, every page is loaded in headless Debian chromium with
--dump-dom: the title must be the one written (a payload would change it),
the DOM must hold no script, no on* attribute and no javascript: URL, and
each text of --expect ({"page": [texts…]}) must be in the page's visible
text.  --control-url first loads a page with a real script and a picture
at that URL, to prove the browser runs scripts and fetches (the caller
checks its server saw the request); an SVG with a script and a picture
at that URL, opened directly, proves the same for SVG files.  Every .svg
in the folder is then opened directly, as a visitor following a link to
it would: its DOM must hold no script, no on* attribute and no embedded
document.  --screenshots saves PNGs of the index and the first page of
--expect.

Exit status: 0 passed, 1 failed, 77 chromium is not installed.
"""

import argparse
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
FORBIDDEN = {"iframe", "frame", "frameset", "object", "embed", "form", "base", "style",
             "applet", "svg", "math", "template", "noscript"}
URL_ATTRS = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background",
             "cite", "longdesc", "manifest", "ping", "xlink:href"}
SVG_NS = "http://www.w3.org/2000/svg"
SVG_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener",
              "audio", "video", "canvas"}
RASTER_DATA = re.compile(r"data:image/(png|jpe?g|gif|webp);base64,[A-Za-z0-9+/=\s]*", re.I)

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


class Checker(html.parser.HTMLParser):
    def __init__(self, site, page):
        super().__init__(convert_charrefs=True)
        self.site = site
        self.page = page
        self.stack = []
        self.in_script = False
        self.scripts = []
        self.title = None
        self.in_title = False
        self.meta = []

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "title":
            self.in_title = True
            self.title = ""

    def handle_startendtag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag not in VOID:
            fail(f"{self.page}: <{tag} /> is not a void element")

    def handle_endtag(self, tag):
        if tag in VOID:
            fail(f"{self.page}: end tag for void element {tag}")
            return
        if not self.stack or self.stack[-1] != tag:
            fail(f"{self.page}: </{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
            return
        self.stack.pop()
        if tag == "script":
            self.in_script = False
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_script:
            self.scripts[-1] += data
        if self.in_title:
            self.title += data

    def check_tag(self, tag, attrs):
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            fail(f"{self.page}: <{tag}> repeats an attribute")
        if tag in FORBIDDEN:
            fail(f"{self.page}: forbidden element <{tag}>")
        if tag == "script":
            if dict(attrs).get("type") != "application/ld+json" or "src" in dict(attrs):
                fail(f"{self.page}: a script that is not inline JSON-LD")
            self.in_script = True
            self.scripts.append("")
        if tag == "meta":
            self.meta.append(dict(attrs))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                fail(f"{self.page}: event handler attribute {name} on <{tag}>")
            if name == "style":
                fail(f"{self.page}: style attribute on <{tag}>")
            if name == "http-equiv" and value.lower() == "refresh":
                fail(f"{self.page}: meta refresh")
            if name in URL_ATTRS:
                self.check_url(tag, name, value, dict(attrs))

    def check_url(self, tag, name, value, attrs):
        stripped = value.strip()
        scheme = urllib.parse.urlsplit(stripped).scheme.lower()
        if scheme in ("http", "https"):
            allowed = tag == "a" or (tag == "link" and attrs.get("rel") == "canonical")
            if not allowed:
                fail(f"{self.page}: <{tag} {name}> loads a remote file: {value[:80]}")
            return
        if scheme or stripped.startswith("//") or stripped.startswith("/") or "\\" in stripped:
            fail(f"{self.page}: <{tag} {name}> is neither relative nor http(s): {value[:80]}")
            return
        path = stripped.split("#", 1)[0].split("?", 1)[0]
        if path == "":
            return
        if path.lower().endswith(".svg"):
            # Opened in the page, an SVG would be a document of the site;
            # a link to one must download it.
            if tag != "a":
                fail(f"{self.page}: <{tag} {name}> shows an SVG file: {value[:80]}")
            elif "download" not in attrs:
                fail(f"{self.page}: a link to an SVG file does not download it: {value[:80]}")
        elif tag == "img" and not path.endswith(".png"):
            fail(f"{self.page}: <img> shows a picture that is not a PNG: {value[:80]}")
        target = os.path.normpath(os.path.join(os.path.dirname(os.path.join(self.site, self.page)),
                                               urllib.parse.unquote(path)))
        if os.path.commonpath([target, self.site]) != self.site:
            fail(f"{self.page}: <{tag} {name}> leaves the folder: {value[:80]}")
        elif not os.path.isfile(target):
            fail(f"{self.page}: <{tag} {name}> names a missing file: {value[:80]}")


def check_page(site, page, base_url):
    path = os.path.join(site, page)
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        fail(f"{page}: not UTF-8: {e}")
        return None
    try:
        ET.fromstring(re.sub(r"^<!DOCTYPE html>", "", text))
    except ET.ParseError as e:
        fail(f"{page}: not well-formed: {e}")
    checker = Checker(site, page)
    checker.feed(text)
    checker.close()
    if checker.stack:
        fail(f"{page}: unclosed elements {checker.stack}")
    for script in checker.scripts:
        if re.search(r"</script|<!--", script, re.I):
            fail(f"{page}: JSON-LD holds </script or <!--")
        try:
            data = json.loads(script)
            if data.get("@type") != "EducationalOccupationalCredential":
                fail(f"{page}: JSON-LD is not an EducationalOccupationalCredential")
        except ValueError as e:
            fail(f"{page}: JSON-LD does not parse: {e}")
    for meta in checker.meta:
        key = meta.get("property") or meta.get("name") or ""
        if key in ("og:image", "og:url", "twitter:image"):
            content = meta.get("content", "")
            if base_url is None or not content.startswith(base_url):
                fail(f"{page}: {key} is not under the base URL: {content[:80]}")
    if 'http-equiv="Content-Security-Policy"' not in text:
        fail(f"{page}: no Content-Security-Policy")
    return checker.title


def check_svg(site, rel):
    """An .svg in the site must be a plain picture (see credence-svg.c;
    this is a second implementation, with Python's XML parser)."""
    with open(os.path.join(site, rel), "rb") as f:
        raw = f.read()
    if re.search(rb"<!DOCTYPE[^>]*\[", raw) or b"<!ENTITY" in raw or b"<?xml-stylesheet" in raw:
        fail(f"{rel}: a DTD subset, entity or style sheet instruction")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        fail(f"{rel}: not well-formed: {e}")
        return
    if root.tag != "{%s}svg" % SVG_NS:
        fail(f"{rel}: the root is not an SVG <svg>")
    for element in root.iter():
        ns, _, local = element.tag.rpartition("}")
        ns = ns.lstrip("{")
        if ns in ("http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML") or \
                (ns == SVG_NS and local in SVG_ACTIVE):
            fail(f"{rel}: active element <{local}>")
        for name, value in element.attrib.items():
            local_name = name.rpartition("}")[2]
            squeezed = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
            if local_name.lower().startswith("on"):
                fail(f"{rel}: event handler {local_name} on <{local}>")
            if local_name == "href" and not squeezed.startswith("#") and \
                    not (local == "image" and RASTER_DATA.fullmatch(value.strip())):
                fail(f"{rel}: <{local} {local_name}> leaves the file: {value[:60]}")
            if local_name == "attributeName" and squeezed.rpartition(":")[2] in ("href", "base"):
                fail(f"{rel}: <{local}> animates a link")
        if ns == SVG_NS:
            texts = list(element.attrib.values())
            if local == "style":
                texts.append("".join(element.itertext()))
            for text in texts:
                lower = text.lower()
                if "\\" in text or "@import" in lower or "javascript:" in lower or \
                        re.search(r"url\(\s*['\"]?\s*[^#'\"\s]", lower):
                    fail(f"{rel}: CSS on <{local}> loads or hides something: {text[:60]}")


class TextCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts = []
        self.title = ""
        self.in_title = False
        self.scripts = 0
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag == "script" and dict(attrs).get("type") != "application/ld+json":
            self.scripts += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{name} on <{tag}>")
            if name in URL_ATTRS and (value or "").strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.bad.append(f"{name}={value[:40]} on <{tag}>")
        if tag in FORBIDDEN:
            self.bad.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title") and self.skip > 0:
            self.skip -= 1
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif self.skip == 0:
            self.parts.append(data)

    def text(self):
        return normalise(" ".join(self.parts))


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run_chromium(binary, profile, url, extra):
    args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--user-data-dir=" + profile, "--virtual-time-budget=3000"] + extra + [url]
    result = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=120)
    return result.stdout.decode("utf-8", "replace")


def dump_dom(binary, profile, url):
    return run_chromium(binary, profile, url, ["--dump-dom"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--base-url")
    parser.add_argument("--chromium", action="store_true")
    parser.add_argument("--expect")
    parser.add_argument("--screenshots")
    parser.add_argument("--control-url")
    args = parser.parse_args()

    site = os.path.realpath(args.site)
    pages = []
    svgs = []
    for root, _, files in os.walk(site):
        for name in files:
            rel = os.path.relpath(os.path.join(root, name), site)
            if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)?", rel) and rel != ".credence-site":
                fail(f"unsafe file name {rel!r}")
            if name.endswith(".html"):
                pages.append(rel)
            if name.lower().endswith(".svg"):
                svgs.append(rel)
    pages.sort()
    svgs.sort()
    for rel in svgs:
        check_svg(site, rel)
    print(f"# {len(svgs)} SVG files checked")
    if "index.html" not in pages:
        fail("no index.html")

    with open(os.path.join(site, "style.css"), encoding="utf-8") as f:
        css = f.read()
    if "url(" in css or "@import" in css:
        fail("style.css loads something")

    titles = {}
    for page in pages:
        titles[page] = check_page(site, page, args.base_url)
    print(f"# {len(pages)} pages checked")

    if args.chromium:
        binary = chromium_binary()
        if binary is None:
            print("SKIP: chromium is not installed (apt install chromium)")
            return 77
        expect = {}
        if args.expect:
            with open(args.expect, encoding="utf-8") as f:
                expect = json.load(f)
        with tempfile.TemporaryDirectory() as profile:
            if args.control_url:
                control = os.path.join(profile, "control.html")
                with open(control, "w", encoding="utf-8") as f:
                    f.write("<!DOCTYPE html><html><head><title>control</title></head><body>"
                            f"<img src=\"{args.control_url}\" alt=\"\">"
                            "<script>document.title = 'script ran';</script></body></html>")
                dom = dump_dom(binary, profile, "file://" + control)
                collector = TextCollector()
                collector.feed(dom)
                if collector.title != "script ran":
                    fail(f"control page: the script did not run in chromium (title {collector.title!r})")
                else:
                    print("# control page: chromium ran its script")

                # The same for an SVG opened directly, as a visitor would
                # open a badge file from a link to it.
                control_svg = os.path.join(profile, "control.svg")
                with open(control_svg, "w", encoding="utf-8") as f:
                    f.write("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                            f"<image href=\"{args.control_url}\" width=\"1\" height=\"1\"/>"
                            "<script>document.documentElement.setAttribute('data-ran', 'script ran');"
                            "</script></svg>")
                dom = dump_dom(binary, profile, "file://" + control_svg)
                if 'data-ran="script ran"' not in dom:
                    fail(f"control SVG: the script did not run when opened directly ({dom[:120]!r})")
                else:
                    print("# control SVG: chromium ran its script")

            for rel in svgs:
                dom = dump_dom(binary, profile, "file://" + os.path.join(site, rel))
                # Text, not markup: the baked badge's CDATA, comments.
                dom = re.sub(r"<!\[CDATA\[.*?\]\]>|<!--.*?-->", "", dom, flags=re.S)
                if not re.search(r"</(\w+:)?svg>", dom):
                    fail(f"{rel}: chromium printed no SVG DOM")
                    continue
                if re.search(r"<(\w+:)?(script|foreignObject|iframe|embed|object)\b", dom, re.I):
                    fail(f"{rel}: a script or an embedded document in the DOM")
                if re.search(r"\son\w+\s*=", dom, re.I) or re.search(r"javascript:", dom, re.I) or \
                        "data-ran" in dom:
                    fail(f"{rel}: an event handler or javascript: URL in the DOM")
                print(f"# {rel}: opened directly in chromium")

            for page in pages:
                dom = dump_dom(binary, profile, "file://" + os.path.join(site, page))
                if "</html>" not in dom:
                    fail(f"{page}: chromium printed no DOM")
                    continue
                collector = TextCollector()
                collector.feed(dom)
                written = html.unescape(titles.get(page) or "")
                if normalise(collector.title) != normalise(written):
                    fail(f"{page}: the title changed in the browser: {collector.title[:80]!r}")
                if collector.scripts:
                    fail(f"{page}: {collector.scripts} script element(s) in the DOM")
                for bad in collector.bad:
                    fail(f"{page}: active content in the DOM: {bad}")
                visible = collector.text()
                for text in expect.get(page, []):
                    if normalise(text) not in visible:
                        fail(f"{page}: visible text lacks {normalise(text)[:80]!r}")
                print(f"# {page}: loaded in chromium, {len(visible)} characters of text")

            if args.screenshots:
                os.makedirs(args.screenshots, exist_ok=True)
                shots = [("index.html", "site-index.png")]
                if expect:
                    shots.append((sorted(expect)[0], "site-badge.png"))
                for page, name in shots:
                    out = os.path.join(args.screenshots, name)
                    run_chromium(binary, profile, "file://" + os.path.join(site, page),
                                 ["--window-size=1024,1400", "--hide-scrollbars", "--screenshot=" + out])
                    if not os.path.isfile(out):
                        fail(f"no screenshot of {page}")
                    else:
                        print(f"# screenshot {out}")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
