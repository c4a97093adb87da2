"""`account add|list|remove`: connect an account from the command line.

`account add NETWORK --name NAME [--server URL] [--handle H] [--channel ID]`
(`--page PAGE_ID` for a Facebook Page, `--ig-user IG_USER_ID` for Instagram;
their `--server` is the Graph API base, the real one when left out)
reads the credential from standard input (never from an argument, which
other users could see in the process list), checks it with the network and
only then saves it: the account row in SQLite, the credential in the keyring.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from smalltown_social.app import Runtime
from smalltown_social.commands.common import EXIT_FAILED, EXIT_OK, EXIT_UNUSABLE, open_services, say
from smalltown_social.core.accounts import NETWORK_NAMES, Network, describe_status
from smalltown_social.core.i18n import Text
from smalltown_social.networks.base import NetworkError
from smalltown_social.networks.connect import (
    AccountSetupError,
    Draft,
    check_credential,
    remove_account,
    save_account,
)
from smalltown_social.secrets import SecretsError


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("account", help="cuentas de redes sociales / accounts")
    actions = parser.add_subparsers(dest="account_command", metavar="ACCIÓN", required=True)
    add = actions.add_parser(
        "add",
        help="conectar una cuenta (la clave se lee de la entrada estándar)",
        description="Conecta una cuenta. La clave de acceso (token o contraseña de aplicación) "
        "se lee de la entrada estándar, se comprueba con la red y se guarda en el llavero.",
    )
    add.add_argument("network", choices=[n.value for n in Network], metavar="NETWORK")
    add.add_argument("--name", required=True, help="nombre de la cuenta en la aplicación")
    add.add_argument("--server", help="servidor (Mastodon, o un PDS de Bluesky propio)")
    add.add_argument("--handle", help="usuario en la red, p. ej. ayto.bsky.social")
    add.add_argument("--channel", help="canal de Telegram, p. ej. @ayuntamiento")
    add.add_argument("--page", help="Facebook: identificador de la página, p. ej. 104593022431585")
    add.add_argument("--ig-user", help="Instagram: identificador de la cuenta profesional")
    add.add_argument("--organization", help="LinkedIn: número de la página, p. ej. 2414183")
    add.set_defaults(handler=add_account)
    listing = actions.add_parser("list", help="ver las cuentas conectadas")
    listing.add_argument("--json", action="store_true", help="salida en JSON")
    listing.set_defaults(handler=list_accounts)
    remove = actions.add_parser("remove", help="quitar una cuenta y su clave del llavero")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=remove_named)


def add_account(args: argparse.Namespace, runtime: Runtime) -> int:
    lang = runtime.language
    secret = sys.stdin.readline().strip()
    # Where the account posts.
    channel = args.page or args.ig_user or args.organization or args.channel
    draft = Draft(Network(args.network), args.name, args.server, args.handle, channel)
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        if services.accounts.by_name(args.name.strip()) is not None:
            say(Text(f"Ya existe «{args.name}».", f"“{args.name}” already exists."), lang)
            return EXIT_FAILED
        identity = check_credential(draft, secret, runtime.redactor)
        account = save_account(draft, secret, identity, services.accounts, services.secrets)
    except (NetworkError, AccountSetupError, SecretsError) as error:
        print(error.text(lang), file=sys.stderr)  # noqa: T201
        return EXIT_FAILED
    finally:
        services.close()
    who = f"{identity.name} {identity.handle}".strip()
    say(
        Text(
            f"Cuenta «{account.name}» conectada ({NETWORK_NAMES[account.network]}: {who}).",
            f"Account “{account.name}” connected ({NETWORK_NAMES[account.network]}: {who}).",
        ),
        lang,
    )
    if identity.note is not None:  # a permission only the counts need: the rest works
        say(identity.note, lang)
    return EXIT_OK


def list_accounts(args: argparse.Namespace, runtime: Runtime) -> int:
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        accounts = services.accounts.all()
    finally:
        services.close()
    if args.json:
        rows = [
            {
                "name": a.name,
                "network": a.network.value,
                "handle": a.handle,
                "server": a.server_url,
                "channel": a.channel,
                "status": a.status,
                "expires_utc": a.expires_utc.isoformat() if a.expires_utc else None,
                "demo": a.demo,
            }
            for a in accounts
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))  # noqa: T201
        return EXIT_OK
    if not accounts:
        say(Text("No hay cuentas.", "No accounts."), runtime.language)
    now = datetime.now(UTC)
    for a in accounts:
        where = a.handle or a.channel or a.server_url or ""
        told = describe_status(a, now)(runtime.language)
        print(f"{a.name}\t{NETWORK_NAMES[a.network]}\t{where}\t{told}")  # noqa: T201
    return EXIT_OK


def remove_named(args: argparse.Namespace, runtime: Runtime) -> int:
    lang = runtime.language
    services = open_services(runtime)
    if services is None:
        return EXIT_UNUSABLE
    try:
        account = services.accounts.by_name(args.name)
        if account is None:
            say(Text(f"No hay ninguna cuenta «{args.name}».", f"No account “{args.name}”."), lang)
            return EXIT_FAILED
        remove_account(account, services.accounts, services.secrets)
    except (AccountSetupError, SecretsError) as error:
        print(error.text(lang), file=sys.stderr)  # noqa: T201
        return EXIT_FAILED
    finally:
        services.close()
    say(Text(f"Cuenta «{args.name}» quitada.", f"Account “{args.name}” removed."), lang)
    return EXIT_OK
