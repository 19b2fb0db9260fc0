"""`notices serve`: the reviewers' web app (upload a notice, read its report, download the results)."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import click


def is_loopback(host: str) -> bool:
    """Whether every address the host name resolves to is a loopback address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--max-upload-mb", default=25, show_default=True, type=click.IntRange(1, 512),
              help="Largest file accepted.")
@click.option("--keep-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Offer a 'keep' checkbox; kept uploads and reports go here. Without it nothing is kept.")
@click.option("--allow-remote", is_flag=True,
              help="Allow a non-loopback --host. Notices may hold health information: put TLS and "
                   "authentication in front first.")
def serve(host: str, port: int, max_upload_mb: int, keep_dir: Path | None, allow_remote: bool) -> None:
    """Serve the review web app until interrupted (Ctrl-C)."""
    from checkers.web.app import Settings, make_server

    if not allow_remote and not is_loopback(host):
        raise click.UsageError(f"{host} is not a loopback address; pass --allow-remote to listen there")
    settings = Settings(max_upload=max_upload_mb * 1024 * 1024, keep_dir=keep_dir)
    server = make_server(host, port, settings)
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"notices review app on http://{bound_host}:{bound_port}/ (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
