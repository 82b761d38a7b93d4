"""`python -m damage_control` runs the same command as `damage-control`."""

from damage_control.cli import main

if __name__ == "__main__":
    main()
