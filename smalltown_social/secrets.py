"""The only code that sees a token at rest: the operating system's keyring.

Tokens live in Windows Credential Manager (Secret Service on Linux, Keychain
on macOS) and nowhere else: never in the database, a settings file or a
plaintext fallback. Every value read or written here is given to the
`Redactor` first, so it is hidden from logs and reports from then on.

Which backends count as secure (checked on the backend's class and its bases):

- `keyring.backends.Windows.WinVaultKeyring` (what the clerk uses),
- `keyring.backends.macOS.Keyring`,
- `keyring.backends.SecretService.Keyring` and `keyring.backends.libsecret.Keyring`
  (GNOME Keyring, KeePassXC… over D-Bus; also what the tests run against),
- `keyring.backends.kwallet.DBusKeyring` (KDE Wallet, encrypted by the user's
  wallet password).

Which backend is used: the one keyring is configured with (`PYTHON_KEYRING_BACKEND`,
`keyringrc.cfg`) if any, else the platform's own, named explicitly
(`platform_backend()`: Windows `WinVaultKeyring`, macOS `Keyring`, Linux Secret
Service, then KDE Wallet), never keyring's discovery of every installed backend
(~40 ms, and on Linux its macOS backend starts subprocesses). It is chosen, and
keyring imported, on the first secret used, not when the window starts.

Everything else is refused with `KeyringUnavailable`: the `fail` and `null`
backends, every `keyrings.alt.*` backend (plaintext or weakly encrypted files,
the registry), and any third-party backend we have not reviewed. A chainer
backend is replaced by the first secure backend in its chain. There is no
fallback to a file: without a secure keyring the app cannot keep tokens.

Entry names: every entry is named `<folder id>/<key>` (for example
`3f9c…e1/account-1`) under one service name. The folder id is the data
folder's random install id (kept in its database), so two data folders of the
same user never read or delete each other's entries. Versions before it used
the bare key (`account-1`), shared by every data folder of the user;
`adopt_legacy()` copies such an entry to this folder's name and leaves the
old one in place, because another data folder may still be reading it.

Errors raised by keyring are translated into `SecretsError` subclasses that
carry a message for the clerk (`text`) and a redacted technical `detail`. The
original exception is dropped (not chained), because its message or its
`__context__` could carry the secret.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from smalltown_social.core.i18n import Text
from smalltown_social.redaction import Redactor

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

T = TypeVar("T")

# Windows Credential Manager keeps at most 2,560 bytes per credential blob
# (CRED_MAX_CREDENTIAL_BLOB_SIZE) and keyring stores the text as UTF-16.
# The same limit applies on every platform so the clerk sees the same error.
MAX_SECRET_BYTES = 2560

SECURE_BACKENDS = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
    }
)
_NO_BACKEND = frozenset(
    {
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
        "keyring.backends.chainer.ChainerBackend",
    }
)
_CHAINER = "keyring.backends.chainer.ChainerBackend"
_CHECK_KEY = "smalltown-social-self-test"

TEXT_NO_KEYRING = Text(
    "No se encuentra el almacén de contraseñas del sistema (en Windows, el "
    "Administrador de credenciales). Sin él la aplicación no puede guardar las "
    "claves de acceso a las redes sociales.",
    "The system password store (on Windows, Credential Manager) cannot be found. "
    "Without it the application cannot keep the social network access keys.",
)
TEXT_INSECURE = Text(
    "El almacén de contraseñas disponible ({backend}) no es seguro: guardaría las "
    "claves sin la protección del sistema. La aplicación no lo usa.",
    "The available password store ({backend}) is not secure: it would keep the "
    "keys without the system's protection. The application does not use it.",
)
TEXT_LOCKED = Text(
    "El almacén de contraseñas del sistema está bloqueado. Desbloquéelo (o cierre "
    "la sesión de Windows y vuelva a entrar) y vuelva a intentarlo.",
    "The system password store is locked. Unlock it (or sign out of Windows and "
    "back in) and try again.",
)
TEXT_TOO_LARGE = Text(
    "La clave de «{key}» es demasiado larga para el almacén de contraseñas "
    "({size} bytes; el máximo es {limit}). No se ha guardado nada.",
    "The key for “{key}” is too long for the password store ({size} bytes; the "
    "maximum is {limit}). Nothing was stored.",
)
TEXT_BAD_CHARACTERS = Text(
    "La clave de «{key}» contiene caracteres no válidos. No se ha guardado nada.",
    "The key for “{key}” contains invalid characters. Nothing was stored.",
)
TEXT_READ_FAILED = Text(
    "No se ha podido leer la clave de «{key}» del almacén de contraseñas del sistema.",
    "The key for “{key}” could not be read from the system password store.",
)
TEXT_WRITE_FAILED = Text(
    "No se ha podido guardar la clave de «{key}» en el almacén de contraseñas del sistema.",
    "The key for “{key}” could not be saved in the system password store.",
)
TEXT_DELETE_FAILED = Text(
    "No se ha podido borrar la clave de «{key}» del almacén de contraseñas del sistema.",
    "The key for “{key}” could not be deleted from the system password store.",
)
TEXT_CHECK_FAILED = Text(
    "El almacén de contraseñas del sistema no devuelve lo que se guarda en él.",
    "The system password store does not return what is stored in it.",
)


class SecretsError(Exception):
    """A keyring problem, with a message for the clerk in `text`.

    `detail` is technical information for the log (exception class and
    message), already redacted. Neither ever contains the secret.
    """

    def __init__(self, text: Text, detail: str = "") -> None:
        super().__init__(text.es)
        self.text = text
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.text.es} [{self.detail}]" if self.detail else self.text.es


class KeyringUnavailable(SecretsError):
    """No usable secure keyring: none installed, no D-Bus, or only an insecure one."""


class KeyringLocked(SecretsError):
    """The keyring exists but is locked and was not unlocked (prompt dismissed)."""


class SecretTooLarge(SecretsError):
    """The secret is over the Windows Credential Manager limit; nothing was stored."""


def platform_backend() -> KeyringBackend:
    """The keyring backend for this machine, without loading every backend keyring has.

    A backend configured for keyring itself (`PYTHON_KEYRING_BACKEND`, `keyringrc.cfg`)
    comes first; else the platform's own, the first that can work here; else keyring's
    `fail` backend (refused by `SecretStore`). Raises what keyring raises for a broken
    configuration.
    """
    import keyring.core  # noqa: PLC0415 - on the first secret used, not at start

    configured = keyring.core.load_env() or keyring.core.load_config()
    if configured is not None:
        return configured
    for candidate in _platform_candidates():
        try:
            candidate.priority  # noqa: B018 - raises when the backend cannot work here
        except Exception:  # noqa: S112 - not usable here: try the next one
            continue
        return candidate
    from keyring.backends import fail  # noqa: PLC0415

    return fail.Keyring()  # type: ignore[no-untyped-call]


def _platform_candidates() -> list[KeyringBackend]:
    # Imported one by one: each import is paid only on its own platform.
    if sys.platform == "win32":
        from keyring.backends.Windows import WinVaultKeyring  # noqa: PLC0415

        return [WinVaultKeyring()]
    if sys.platform == "darwin":
        from keyring.backends import macOS  # noqa: PLC0415

        return [macOS.Keyring()]
    from keyring.backends import SecretService  # noqa: PLC0415

    candidates: list[KeyringBackend] = [SecretService.Keyring()]  # type: ignore[no-untyped-call]
    try:
        from keyring.backends import kwallet  # noqa: PLC0415
    except ImportError:  # pragma: no cover - kwallet's module only needs dbus-python lazily
        return candidates
    return [*candidates, kwallet.DBusKeyring()]  # type: ignore[no-untyped-call]


def backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def is_secure_backend(backend: KeyringBackend) -> bool:
    """True if the backend is, or derives from, one of `SECURE_BACKENDS`."""
    names = [f"{cls.__module__}.{cls.__qualname__}" for cls in type(backend).__mro__]
    if any(name.startswith("keyrings.") for name in names):
        return False  # keyrings.alt and friends, even if they derive from a secure one
    return any(name in SECURE_BACKENDS for name in names)


class SecretStore:
    """Reads and writes tokens in the OS keyring under one service name.

    `folder` is the data folder's install id: every key is kept as
    `<folder>/<key>`. `folder=None` uses bare keys (tests of the keyring
    itself). `backend=None` uses the backend keyring selects for this
    machine (`platform_backend()`), chosen on the first operation. The constructor
    never raises and never touches keyring; an unusable keyring is reported by
    `check()` and by every operation, as `KeyringUnavailable`.
    """

    def __init__(
        self,
        service: str,
        redactor: Redactor,
        backend: KeyringBackend | None = None,
        *,
        folder: str | None = None,
    ) -> None:
        if not service:
            raise ValueError("service must not be empty")
        if folder is not None and (not folder or "/" in folder):
            raise ValueError("folder must be a non-empty name without '/'")
        self._service = service
        self._folder = folder
        self._redactor = redactor
        self._backend: KeyringBackend | None = None
        self._refusal: Text | None = None
        self._description = "?"
        self._given = backend
        self._chosen = False
        # The window's background jobs and the publisher's thread may ask first at
        # the same moment: one chooses, the others wait for its choice.
        self._choosing = threading.Lock()

    def describe_backend(self) -> str:
        """The keyring backend's class, e.g. `keyring.backends.Windows.WinVaultKeyring`."""
        self._choose_once()
        if self._refusal is not None:
            return f"{self._description} (refused)"
        return self._description

    def entry_name(self, key: str) -> str:
        """The name the keyring knows `key` by (the `username` of the entry)."""
        _require_key(key)
        return f"{self._folder}/{key}" if self._folder is not None else key

    def set(self, key: str, secret: str) -> None:
        """Store `secret` under `key`, replacing any previous value."""
        entry = self.entry_name(key)
        if not secret:
            raise ValueError("secret must not be empty")
        self._redactor.add(secret)
        self._check_size(key, secret)
        backend = self._usable()
        self._call(
            lambda: backend.set_password(self._service, entry, secret), TEXT_WRITE_FAILED, key
        )
        log.info("Stored the secret for %s in %s", entry, self._description)

    def get(self, key: str) -> str | None:
        """The secret stored under `key`, or None if there is none."""
        return self._read(self.entry_name(key), key)

    def delete(self, key: str) -> None:
        """Forget the secret under `key`; a key that is not there is not an error."""
        entry = self.entry_name(key)
        backend = self._usable()

        import keyring.errors  # noqa: PLC0415 - loaded by _usable() already

        def delete() -> None:
            # Every secure backend raises this for a missing entry. A real
            # failure to delete then shows up on the next get().
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                backend.delete_password(self._service, entry)

        self._call(delete, TEXT_DELETE_FAILED, key)
        log.info("Deleted the secret for %s from %s", entry, self._description)

    def adopt_legacy(self, key: str) -> bool:
        """Copy the entry an older version kept under the bare `key` to this folder's name.

        Does nothing (returns False) when this folder already has its own
        entry, when there is no old entry, or when the store has no folder.
        The old entry is left where it is: every data folder of the user
        shared it, and another one that has not been opened by this version
        yet still needs it (README, "Where the data lives").
        """
        entry = self.entry_name(key)
        if entry == key or self._read(entry, key) is not None:
            return False
        legacy = self._read(key, key)
        if legacy is None:
            return False
        self.set(key, legacy)
        log.info("Copied the secret kept under %s to %s", key, entry)
        return True

    def check(self) -> None:
        """Raise a `SecretsError` unless a throw-away entry can be written, read and deleted."""
        probe = f"check-{uuid.uuid4().hex}"
        self.set(_CHECK_KEY, probe)
        try:
            if self.get(_CHECK_KEY) != probe:
                raise SecretsError(TEXT_CHECK_FAILED)
        finally:
            self.delete(_CHECK_KEY)

    # --- internals -------------------------------------------------------

    def _read(self, entry: str, key: str) -> str | None:
        backend = self._usable()
        secret = self._call(
            lambda: backend.get_password(self._service, entry), TEXT_READ_FAILED, key
        )
        if secret is not None:
            self._redactor.add(secret)
        return secret

    def _choose_once(self) -> None:
        if self._chosen:
            return
        with self._choosing:
            if not self._chosen:
                self._choose(self._given)
                self._chosen = True

    def _choose(self, backend: KeyringBackend | None) -> None:
        if backend is None:
            try:
                backend = platform_backend()
            except Exception as exc:  # a broken keyringrc.cfg, a backend failing to load
                self._description = type(exc).__name__
                self._refusal = TEXT_NO_KEYRING
                return
        from keyring.backend import KeyringBackend  # noqa: PLC0415

        if backend_name(backend) == _CHAINER:
            chained = getattr(backend, "backends", [])
            secure = [b for b in chained if isinstance(b, KeyringBackend) and is_secure_backend(b)]
            if secure:
                backend = secure[0]
        self._description = backend_name(backend)
        if is_secure_backend(backend):
            self._backend = backend
        elif self._description in _NO_BACKEND:
            self._refusal = TEXT_NO_KEYRING
        else:
            self._refusal = TEXT_INSECURE.format(backend=self._description)
        if self._refusal is not None:
            log.warning("Keyring backend refused: %s", self._description)

    def _usable(self) -> KeyringBackend:
        self._choose_once()
        if self._backend is None:
            raise KeyringUnavailable(self._refusal or TEXT_NO_KEYRING, self._description)
        return self._backend

    def _check_size(self, key: str, secret: str) -> None:
        try:
            size = len(secret.encode("utf-16-le"))
        except UnicodeEncodeError:
            # The exception holds the whole secret in `.object`: drop it here.
            size = -1
        if size < 0:
            raise SecretsError(TEXT_BAD_CHARACTERS.format(key=key))
        if size > MAX_SECRET_BYTES:
            raise SecretTooLarge(
                TEXT_TOO_LARGE.format(key=key, size=size, limit=MAX_SECRET_BYTES),
                f"{size} bytes as UTF-16",
            )

    def _call(self, operation: Callable[[], T], failed: Text, key: str) -> T:
        """Run a keyring operation, translating its exceptions without chaining them."""
        try:
            return operation()
        except Exception as exc:
            error = self._translate(exc, failed.format(key=key))
        # Raised outside the except block: no __context__ pointing at the original.
        raise error

    def _translate(self, exc: Exception, failed: Text) -> SecretsError:
        import keyring.errors  # noqa: PLC0415

        kind = type(exc).__name__
        message = str(exc)
        detail = self._redactor.redact(f"{kind}: {message}" if message else kind)
        if isinstance(exc, keyring.errors.KeyringLocked) or kind in _LOCKED_NAMES:
            return KeyringLocked(TEXT_LOCKED, detail)
        if isinstance(exc, keyring.errors.InitError):
            if "prompt dismissed" in message.lower():
                return KeyringLocked(TEXT_LOCKED, detail)
            return KeyringUnavailable(TEXT_NO_KEYRING, detail)
        if isinstance(exc, keyring.errors.NoKeyringError) or kind in _UNAVAILABLE_NAMES:
            return KeyringUnavailable(TEXT_NO_KEYRING, detail)
        return SecretsError(failed, detail)


# secretstorage exceptions that can escape keyring's SecretService backend.
_LOCKED_NAMES = frozenset({"LockedException", "PromptDismissedException"})
_UNAVAILABLE_NAMES = frozenset({"SecretServiceNotAvailableException"})


def _require_key(key: str) -> None:
    if not key:
        raise ValueError("key must not be empty")
