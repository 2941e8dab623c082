"""What the hostile-input tests check in every output: HTML, XML, feeds, JSON, exports."""

import csv
import io
import json

import feedparser
from lxml import etree
from lxml import html as lxml_html
from openpyxl import load_workbook

from newsdesk.core.richtext import SYNDICATION_TAGS

# Schemes that must never reach a link, a source or a form address.
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:image/svg")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "xlink:href", "data", "poster"}


# Checks on what comes out


class Outputs:
    def __init__(self, client, strings):
        self.client = client
        self.problems = []
        # Strings that, appearing as they are in HTML, prove something was not escaped.
        self.markup = [s for s in strings if ("<" in s or ">" in s) and len(s) < 5000]

    def get(self, url, **kwargs):
        response = self.client.get(url, **kwargs)
        if response.status_code >= 500:
            self.problems.append(f"{url}: {response.status_code}")
        return response

    def html(self, url, status=(200,)):
        response = self.get(url)
        if response.status_code not in status:
            self.problems.append(f"{url}: answered {response.status_code}")
            return
        text = response.content.decode()
        for value in self.markup:
            if value in text:
                self.problems.append(f"{url}: shows {value[:60]!r} unescaped")
        self._tree(url, lxml_html.fromstring(text))

    def _tree(self, url, tree, allowed_tags=None):
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            if allowed_tags is not None and element.tag not in allowed_tags:
                self.problems.append(f"{url}: carries a <{element.tag}> element")
            for name, value in element.attrib.items():
                name = name.lower()
                if name.startswith("on"):
                    self.problems.append(f"{url}: <{element.tag} {name}=…>")
                squeezed = "".join(value.split()).lower()
                if name in URL_ATTRIBUTES and squeezed.startswith(DANGEROUS_SCHEMES):
                    self.problems.append(f"{url}: <{element.tag} {name}={value[:40]!r}>")
                if name == "style" and ("javascript" in squeezed or "expression(" in squeezed):
                    self.problems.append(f"{url}: <{element.tag} style={value[:40]!r}>")
            if element.tag == "script" and not element.get("src"):
                kind = element.get("type", "")
                if kind in ("application/ld+json", "application/json"):
                    try:
                        json.loads(element.text or "")
                    except ValueError:
                        self.problems.append(f"{url}: a {kind} script that is not JSON")
                elif "XSS" in (element.text or ""):
                    self.problems.append(f"{url}: runs a script from a field")

    def xml(self, url):
        response = self.get(url)
        if response.status_code != 200:
            self.problems.append(f"{url}: answered {response.status_code}")
            return None
        try:
            etree.fromstring(response.content)
        except etree.XMLSyntaxError as error:
            self.problems.append(f"{url}: not XML ({error})")
            return None
        return response.content

    def feed(self, url):
        content = self.xml(url)
        if content is None:
            return
        parsed = feedparser.parse(content, sanitize_html=False)
        for entry in parsed.entries:
            for part in [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]:
                if part.strip():
                    fragment = lxml_html.fragment_fromstring(part, create_parent="div")
                    self._tree(url, fragment, allowed_tags=SYNDICATION_TAGS | {"div"})

    def json(self, url):
        response = self.get(url)
        try:
            data = json.loads(response.content)
        except ValueError:
            self.problems.append(f"{url}: not JSON")
            return
        for update in data.get("updates", []):
            fragment = lxml_html.fragment_fromstring(update["html"], create_parent="div")
            self._tree(url, fragment)

    def csv(self, url):
        response = self.get(url)
        body = b"".join(response.streaming_content).decode()
        for row in csv.reader(io.StringIO(body)):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    self.problems.append(f"{url}: a cell a spreadsheet would run: {cell[:40]!r}")

    def xlsx(self, url):
        response = self.get(url)
        if response.status_code != 200:
            self.problems.append(f"{url}: answered {response.status_code}")
            return
        data = b"".join(response.streaming_content)
        sheet = load_workbook(io.BytesIO(data)).active
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or str(cell.value or "").startswith("="):
                    self.problems.append(f"{url}: a formula cell {str(cell.value)[:40]!r}")
