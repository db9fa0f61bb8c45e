"""Reads a feed on stdin with feedparser (an independent, widely used parser) and prints what it understood as JSON."""
import json
import sys

import feedparser

parsed = feedparser.parse(sys.stdin.buffer.read())
print(json.dumps({
    "bozo": bool(parsed.bozo),
    "bozo_exception": str(parsed.get("bozo_exception", "")),
    "version": parsed.version,
    "title": parsed.feed.get("title", ""),
    "links": [{"rel": link.get("rel"), "href": link.get("href")} for link in parsed.feed.get("links", [])],
    "entries": [{
        "id": entry.get("id"),
        "title": entry.get("title"),
        "link": entry.get("link"),
        "summary": entry.get("summary"),
        "content": entry.content[0].value if entry.get("content") else "",
        "updated": entry.get("updated"),
    } for entry in parsed.entries],
}))
