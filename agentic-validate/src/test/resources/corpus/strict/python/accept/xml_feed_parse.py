# validated with the network allowlist: feeds.example.org
import urllib.request
import xml.etree.ElementTree as ET

FEED = "https://feeds.example.org/news/rss.xml"
with urllib.request.urlopen(FEED, timeout=10) as resp:
    root = ET.fromstring(resp.read())
items = root.findall("./channel/item")
for item in items[:10]:
    title = item.findtext("title", default="").strip()
    link = item.findtext("link", default="")
    print(f"- {title} ({link})")
print(len(items), "items")
