"""The `loket` console script: manage.py with Loket's default settings.

Commands may be written with dashes: `loket import-upl` runs the `import_upl` command.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.conf.dev")
    from django.core.management import execute_from_command_line

    args = sys.argv[1:]
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["loket", *args])


if __name__ == "__main__":
    main()
