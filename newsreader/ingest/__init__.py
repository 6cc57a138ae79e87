"""Bytes from the world to `Document`s: one path per format, built on well-kept parsers.

- `decode`: bytes to text by the HTTP and XML rules (BOM, header charset, declaration), then
  detection with charset-normalizer; a wrong declaration is said, never shown as mojibake.
- `safety`: entity declarations refused after decoding; size and count limits.
- `html`: HTML to blocks with lxml (feeds, `.html` files, pages).
- `markdown`: Markdown to blocks with markdown-it-py.
- `textformats`: the seed plain-text format and headerless text.
- `dates`: the one date parser every path uses.
- `feeds`: RSS, Atom and RDF through feedparser-rs, or feedparser for what it reads
  differently (given the bytes, headers and final URL, so charset and base rules apply),
  JSON Feed through `json`.

Nothing here imports the store, the extractor or the UI.
"""
