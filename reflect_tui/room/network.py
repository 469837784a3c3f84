"""The machine's network interfaces, to choose where the room listens.

Loopback (this computer only) always comes first and is the default. The
others are the IPv4 addresses of the machine's interfaces, read locally (no
packet is sent): on Linux with the ``SIOCGIFADDR`` ioctl for each interface
name, elsewhere from the addresses the host name resolves to.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import sys
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
SIOCGIFADDR = 0x8915


@dataclass(frozen=True)
class Interface:
    name: str
    address: str

    @property
    def is_loopback(self) -> bool:
        return self.address.startswith("127.")

    @property
    def label(self) -> str:
        if self.is_loopback:
            return f"This computer only ({self.address})"
        return f"{self.name} ({self.address})"


def _linux_address(name: str) -> str | None:
    import fcntl

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            packed = fcntl.ioctl(
                sock.fileno(), SIOCGIFADDR, struct.pack("256s", name.encode()[:15])
            )
        except OSError:
            return None
    return socket.inet_ntoa(packed[20:24])


def interfaces() -> list[Interface]:
    """Loopback first, then each interface with an IPv4 address."""
    found: list[Interface] = [Interface("lo", LOOPBACK)]
    seen = {LOOPBACK}
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            for _index, name in socket.if_nameindex():
                address = _linux_address(name)
                if address and address not in seen and not address.startswith("127."):
                    seen.add(address)
                    found.append(Interface(name, address))
    else:
        with contextlib.suppress(OSError):
            for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
                address = str(info[4][0])
                if address not in seen and not address.startswith("127."):
                    seen.add(address)
                    found.append(Interface("network", address))
    return found
