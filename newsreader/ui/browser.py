"""Handing links to the web browser from the reader, without ever blocking it."""

from __future__ import annotations

from textual.widget import Widget

from newsreader.links import browser_url, display_text, launch_browser


def open_in_browser(node: Widget, url: str) -> None:
    """Hand an http(s) link to the web browser, off the UI thread; refuse anything else.

    Args:
        node: The widget or screen asking (it runs the worker and shows the notifications).
        url: The link, as stored.
    """
    checked = browser_url(url)
    if checked is None:
        node.notify(
            f"Not opened: only http(s) links go to the browser ({display_text(url)[:80]})",
            severity="warning",
            timeout=4,
        )
        return
    node.notify(f"Opening {display_text(checked)[:80]}", timeout=2, markup=False)

    def launch() -> None:
        # Starting a browser may take seconds, so the UI never waits for it.
        if not launch_browser(checked):
            node.app.call_from_thread(
                node.notify, "No web browser could be started.", severity="warning"
            )

    node.run_worker(launch, thread=True, exit_on_error=False, group="browser")
