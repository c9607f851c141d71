"""Which Host names the server answers, and whether its address reaches beyond this machine.

A server bound to 0.0.0.0 that answers any `Host` header can be reached through DNS rebinding
from any web page a user opens. The served app answers only loopback names plus the names given
with `serve --allowed-host` (or `[serve] allowed_hosts` in lorebook.toml); other requests get
400. Starlette's TrustedHostMiddleware does the checking ("*.example.com" patterns work).
"""

from __future__ import annotations

import ipaddress
import os

from starlette.middleware.trustedhost import TrustedHostMiddleware

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
HOSTS_ENV = "LOREBOOK_ALLOWED_HOSTS"  # hands the list to `serve --workers N` processes


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(settings: dict, bind: str, extra: tuple[str, ...] = ()) -> list[str]:
    """Loopback names, the bound address when it is a specific one, the wiki's and the command's names."""
    names = list(LOOPBACK_NAMES)
    if bind not in ("0.0.0.0", "::", "") and bind not in names:
        names.append(bind)
    configured = (settings.get("serve") or {}).get("allowed_hosts") or []
    for n in [*configured, *extra]:
        if n and n not in names:
            names.append(str(n))
    return names


def exposure_warning(bind: str, hosts: list[str]) -> str | None:
    """One line when the address reaches beyond this machine; None on loopback."""
    if is_loopback(bind):
        return None
    named = [h for h in hosts if h not in LOOPBACK_NAMES]
    return (f"warning: listening on {bind}: other machines can reach this server (every request needs an account); "
            + (f"answering only the host names {', '.join(named)} and loopback"
               if named else "no --allowed-host given, so only loopback names are answered: add --allowed-host NAME")
            + " (use --host 127.0.0.1 to stay local)")


def restrict_hosts(app, hosts: list[str]):
    """`app` answering only `hosts` (400 otherwise)."""
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=hosts)
    return app


def hosts_from_env() -> list[str] | None:
    value = os.environ.get(HOSTS_ENV)
    return value.split(",") if value else None
