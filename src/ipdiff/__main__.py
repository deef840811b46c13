"""`python -m ipdiff` and the `ipdiff` command: the process's settings, then the CLI."""

import os


def main() -> None:
    # The aligner's matrices are small (editions × features): BLAS threads only add
    # start-up and, on a busy machine, spin against each other (a 255 × 255 product: 18 ms
    # on one thread, 300 ms on several). Set for this process before the CLI (and so numpy)
    # is imported, and never by importing ipdiff; an explicit setting wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from ipdiff.cli import main as cli

    cli()


if __name__ == "__main__":
    main()
