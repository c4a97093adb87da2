"""SecretStore against the real Secret Service (gnome-keyring in a private D-Bus session)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smalltown_social.redaction import Redactor
from smalltown_social.secrets import MAX_SECRET_BYTES, SecretStore, SecretTooLarge

pytestmark = pytest.mark.keyring_real

REPO = Path(__file__).resolve().parents[2]


def secret_tool_search(service: str) -> str:
    """What the keyring holds for `service`, seen by another program (libsecret)."""
    result = subprocess.run(
        ["secret-tool", "search", "--all", "service", service],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout + result.stderr


def run_child(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_backend_is_secret_service(real_store: SecretStore) -> None:
    assert real_store.describe_backend() == "keyring.backends.SecretService.Keyring"
    real_store.check()


def test_set_get_delete_round_trip(real_store: SecretStore, redactor: Redactor) -> None:
    assert real_store.get("mastodon/1") is None
    real_store.set("mastodon/1", "tok-0123456789abcdef")
    assert real_store.get("mastodon/1") == "tok-0123456789abcdef"
    real_store.set("mastodon/1", "tok-replaced-987654")
    assert real_store.get("mastodon/1") == "tok-replaced-987654"
    real_store.delete("mastodon/1")
    assert real_store.get("mastodon/1") is None
    real_store.delete("mastodon/1")  # already gone: not an error
    assert redactor.redact("x tok-replaced-987654 y") == "x «oculto» y"


def test_keys_are_separate(real_store: SecretStore) -> None:
    real_store.set("telegram/bot", "first-secret-value")
    real_store.set("bluesky/app", "second-secret-value")
    real_store.delete("telegram/bot")
    assert real_store.get("telegram/bot") is None
    assert real_store.get("bluesky/app") == "second-secret-value"


def test_secret_written_by_another_process_is_read_here(
    real_store: SecretStore, service: str
) -> None:
    child = run_child(
        "import sys\n"
        "from smalltown_social.redaction import Redactor\n"
        "from smalltown_social.secrets import SecretStore\n"
        "SecretStore(sys.argv[1], Redactor()).set('facebook/page', 'written-by-the-child')\n",
        service,
    )
    assert child.returncode == 0, child.stderr
    assert real_store.get("facebook/page") == "written-by-the-child"
    seen = secret_tool_search(service)
    assert "attribute.username = facebook/page" in seen
    assert "secret = written-by-the-child" in seen


def test_secret_written_here_is_read_by_another_process(
    real_store: SecretStore, service: str
) -> None:
    real_store.set("x/account", "written-by-the-test")
    child = run_child(
        "import sys\n"
        "from smalltown_social.redaction import Redactor\n"
        "from smalltown_social.secrets import SecretStore\n"
        "print(SecretStore(sys.argv[1], Redactor()).get('x/account') == 'written-by-the-test')\n",
        service,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "True"


def test_too_large_secret_is_refused_and_nothing_is_stored(
    real_store: SecretStore, service: str
) -> None:
    fits = "a" * (MAX_SECRET_BYTES // 2)  # 2,560 bytes as UTF-16
    real_store.set("linkedin/org", fits)
    assert real_store.get("linkedin/org") == fits

    too_large = "b" * (MAX_SECRET_BYTES // 2) + "c"  # 2,562 bytes as UTF-16
    assert len(too_large.encode("utf-16-le")) > MAX_SECRET_BYTES
    with pytest.raises(SecretTooLarge) as caught:
        real_store.set("instagram/org", too_large)
    assert "2562" in caught.value.text.es
    assert "b" * 20 not in str(caught.value)
    assert real_store.get("instagram/org") is None
    assert "instagram/org" not in secret_tool_search(service)


def test_too_large_counts_utf16_not_characters(real_store: SecretStore) -> None:
    # 641 emoji are 2,564 bytes in UTF-16 (surrogate pairs), although only 641 characters.
    with pytest.raises(SecretTooLarge):
        real_store.set("emoji", "😀" * 641)
    assert real_store.get("emoji") is None


@pytest.mark.parametrize(
    "secret",
    ["contraseña-ñandú-Ñ", "пароль-секрет", "密码密码密码", "emoji-🔑-🗝️-ok", "  spaces inside  "],
    ids=["spanish", "cyrillic", "chinese", "emoji", "spaces"],
)
def test_unicode_secrets_round_trip(real_store: SecretStore, service: str, secret: str) -> None:
    real_store.set("unicode", secret)
    assert real_store.get("unicode") == secret
    assert f"secret = {secret}" in secret_tool_search(service)
