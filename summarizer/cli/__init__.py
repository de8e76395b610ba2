"""The ``summarize`` command: one consumer of the library's API, a module per command.

``group`` (the group, error handling and exit codes, the console script's
``main``), ``options`` (the options the commands share), ``batch`` (``summarize
FILE...``), ``batch_api`` (``summarize batch ...``: provider Batch APIs and batch
files), ``housekeeping`` (``clean``, ``cache``, ``schema``), ``evaluate``
(``eval``), ``digest``, ``log`` (the run history). Importing it imports click and no more: each command
loads what it needs when it runs.
"""

from __future__ import annotations

from .batch import run
from .batch_api import batch_group
from .digest import digest
from .evaluate import eval_command
from .group import cli, main
from .housekeeping import cache, clean_command, schema
from .log import log_command

for _command in (run, clean_command, eval_command, cache, schema, digest, log_command, batch_group):
    cli.add_command(_command)

__all__ = ["cli", "main"]
