"""`python -m ipdiff` is the `ipdiff` command."""

from ipdiff.cli import main

if __name__ == "__main__":
    main()
