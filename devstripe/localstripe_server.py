"""localstripe as `make run` starts it: listening on 127.0.0.1 only, its state in this copy's var/.

localstripe 1.15's own command listens on every interface ("::") and pickles its store to the fixed
path /tmp/localstripe.pickle, shared by every copy of the store on the machine (and by anyone who can
reach the port). This runs the same aiohttp app with the address and the state file chosen here.

    python -m devstripe.localstripe_server --port 8420 --state var/localstripe.pickle
"""

from __future__ import annotations

import argparse
import os
import pickle
from pathlib import Path

HOST = "127.0.0.1"


def use_state_file(path: Path) -> None:
    """Point localstripe's store at `path` (written to a temporary file and renamed, never half-written)."""
    from localstripe import resources

    def load(store):
        try:
            with open(path, "rb") as file:
                saved = pickle.load(file)
        except (FileNotFoundError, EOFError, pickle.UnpicklingError):
            return
        store.clear()
        store.update(saved)

    def dump(store):
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(path.name + ".tmp")
        with open(draft, "wb") as file:
            pickle.dump(dict(store), file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(draft, path)

    resources.Store.try_load_from_disk = load
    resources.Store.dump_to_disk = dump


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--state", type=Path, required=True, help="the file localstripe keeps its data in")
    args = parser.parse_args(argv)
    from aiohttp import web
    from localstripe import resources, server

    use_state_file(args.state)
    resources.store.try_load_from_disk()
    web.run_app(server.app, host=HOST, port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
