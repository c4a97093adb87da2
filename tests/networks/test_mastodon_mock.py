"""Second opinion: the Mastodon adapter against PyPI `mastodon-mock`, a stateful fake.

The recorded replies (test_mastodon.py) prove the shapes; this fake keeps
state, so it checks behaviour the recordings cannot: a retry with the same
`Idempotency-Key` returns the first post, `find` sees what was published,
alt text reaches the attachment. It is a mock written by others, not
Mastodon: the recordings stay the ground truth.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
from PIL import Image

from smalltown_social.core.accounts import Account, Network
from smalltown_social.networks.base import Content, NeedsReconnect, ReplyTo
from smalltown_social.networks.mastodon import MastodonAdapter
from smalltown_social.networks.media import prepare_bytes
from smalltown_social.redaction import Redactor
from tests.networks.fake_server import free_port

pytestmark = pytest.mark.keyring_real  # accounts' tokens live in the real keyring

TOKEN = "mock_token"  # the token mastodon-mock accepts for its test user


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    program = shutil.which("mastodon_mock")
    assert program, "mastodon-mock is in the test extra: pip install -e .[test]"
    port = free_port()
    process = subprocess.Popen(
        [program, "serve", "--in-memory", "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{url}/api/v2/instance", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "mastodon-mock did not start"
            assert process.poll() is None, "mastodon-mock exited"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def adapter(url: str, token: str = TOKEN) -> MastodonAdapter:
    account = Account(1, Network.MASTODON, "Mock", server_url=url)
    return MastodonAdapter(account, token, Redactor(), sleep=lambda _s: None)


def test_same_idempotency_key_same_post(mock_url: str) -> None:
    client = adapter(mock_url)
    text = f"Hola vecinos 🎉 https://valdelomar.es/fiestas {time.time()}"
    first = client.publish(Content(text), [], "key-same")
    again = client.publish(Content(text), [], "key-same")
    other = client.publish(Content(text + " bis"), [], "key-other")
    assert first.remote_id == again.remote_id != other.remote_id


def test_find_sees_what_was_published_and_not_what_was_not(mock_url: str) -> None:
    client = adapter(mock_url)
    since = datetime.now(UTC) - timedelta(minutes=5)
    text = f"Corte de agua el martes 🚰 #Valdelomar {time.time()}"
    published = client.publish(Content(text), [], "key-find")
    found = client.find("another-key", Content(text), since)
    assert found is not None and found.remote_id == published.remote_id
    assert client.find("k", Content("esto nunca se publicó"), since) is None


def test_scheduled_post_is_found_among_scheduled(mock_url: str) -> None:
    client = adapter(mock_url)
    content = Content(
        f"Pleno el jueves {time.time()}", scheduled_utc=datetime.now(UTC) + timedelta(days=1)
    )
    published = client.publish(content, [], "key-sched")
    assert published.scheduled_on_server
    found = client.find("k", content, datetime.now(UTC) - timedelta(minutes=5))
    assert found is not None and found.remote_id == published.remote_id


def test_image_alt_text_reaches_the_attachment(mock_url: str) -> None:
    client = adapter(mock_url)
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (0, 128, 0)).save(buffer, "PNG")
    media = prepare_bytes(
        buffer.getvalue(), "plaza.png", "La plaza mayor con el mercado", client.capabilities()
    )
    published = client.publish(Content("Mercado de los jueves"), [media], "key-media")
    status = requests.get(
        f"{mock_url}/api/v1/statuses/{published.remote_id}",
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    ).json()
    assert [a["description"] for a in status["media_attachments"]] == [
        "La plaza mayor con el mercado"
    ]
    assert client.metrics([published.remote_id])[published.remote_id].likes == 0
    client.delete(ReplyTo(published.remote_id))
    assert client.metrics([published.remote_id]) == {}


def test_unknown_token_needs_reconnect(mock_url: str) -> None:
    with pytest.raises(NeedsReconnect):
        adapter(mock_url, "not-a-token-known-here").verify()
