"""The room: participants add anonymous items and vote from their own browsers.

Plain Python (no Textual). ``state`` holds the room in memory; ``server``
(which imports aiohttp, so only when a room opens) serves the join page on the
app's own asyncio loop; ``pages`` holds the HTML; ``qr`` draws the join address;
``network`` lists where the room may listen. See docs/room.md.
"""
