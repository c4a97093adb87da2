"""Child process for the kill -9 test: saves drafts forever, acknowledging each.

Prints "saved N" only after `PostsRepository.save` has returned (committed).
"""

from __future__ import annotations

import sys
from pathlib import Path

from smalltown_social.core.posts import Image, Post
from smalltown_social.storage.database import Database
from smalltown_social.storage.posts_repo import PostsRepository


def main(path: str, start: int) -> None:
    posts = PostsRepository(Database(Path(path)))
    n = start
    while True:
        n += 1
        # Varying sizes force page splits and overflow pages, not just in-place updates.
        body = f"borrador {n} " + "texto del aviso " * (n % 300)
        posts.save(Post(id=1, text=body, images=(Image(f"/img/{n}.jpg", f"alt {n}"),)))
        posts.save(Post(text=f"nuevo {n}"))
        print(f"saved {n}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
