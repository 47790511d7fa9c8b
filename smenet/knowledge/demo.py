"""Demo data of the knowledge app, loaded by smenet.demo.loader after the founding."""


def load_demo(verbosity: int = 0) -> None:
    """Nothing yet: this app adds its demo content when its issue is built."""
