"""Exceptions. Per-file problems are not raised: they are collected as InputProblem records."""

from __future__ import annotations


class StorydeskError(Exception):
    """Base class for errors the CLI reports without a traceback."""


class OptionsError(StorydeskError, ValueError):
    """An option has a value outside its allowed range."""


class InputError(StorydeskError):
    """One input could not be read; carries the path so the message names the file."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NoArticlesError(StorydeskError):
    """Nothing usable was found in the inputs."""


class StageError(StorydeskError):
    """A pipeline stage raised or broke its contract; names the stage."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"stage '{stage}' failed: {message}")
        self.stage = stage
