"""The `loket` console script: manage.py with Loket's default settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["loket", *sys.argv[1:]])


if __name__ == "__main__":
    main()
