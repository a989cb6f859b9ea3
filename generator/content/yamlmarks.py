"""YAML with line numbers, and nothing surprising.

`load_yaml` returns plain dicts, lists and scalars, except that every mapping
is a `MarkedMap` and every sequence a `MarkedList`, which remember the line
and column of each key and item. Validation uses those marks so that every
message can point at the exact line a user has to fix.

What PyYAML would silently accept but a fact sheet must not:

* a duplicate key is an error (PyYAML keeps the last one);
* aliases (`*name`) are refused: front matter does not need them, and they
  are how "billion laughs" documents blow up;
* nesting deeper than `MAX_DEPTH` is refused, so a hostile file cannot
  exhaust the stack.

The C loader is used where PyYAML has it (about 7x faster); a file that fails
to parse is re-read with the pure-Python loader for its message, so messages
are the same on every machine.
"""

from __future__ import annotations

import re

import yaml

MAX_DEPTH = 40
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlProblem(Exception):
    """A YAML document that cannot be used; `line` and `col` count from 1 within the YAML text."""

    def __init__(self, line: int, col: int, message: str, related: tuple[str, int] | None = None):
        super().__init__(f"{line}:{col}: {message}")
        self.line = line
        self.col = col
        self.message = message
        self.related = related  # ("first given on line", 2): a second line the message points at

    def shifted(self, line_offset: int) -> "YamlProblem":
        """The same problem with lines counted in the file that holds the YAML."""
        message = self.message
        if self.related:
            message = f"{message} ({self.related[0]} {self.related[1] + line_offset})"
        return YamlProblem(self.line + line_offset, self.col, message)


class MarkedMap(dict):
    """A YAML mapping that knows where each key and value was written."""

    line: int = 1
    col: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.key_marks: dict = {}
        self.value_marks: dict = {}

    def key_line(self, key) -> tuple[int, int]:
        return self.key_marks.get(key, (self.line, self.col))

    def value_line(self, key) -> tuple[int, int]:
        return self.value_marks.get(key, self.key_line(key))


class MarkedList(list):
    """A YAML sequence that knows where each item was written."""

    line: int = 1
    col: int = 1

    def __init__(self) -> None:
        super().__init__()
        self.item_marks: list[tuple[int, int]] = []

    def item_line(self, index: int) -> tuple[int, int]:
        return self.item_marks[index] if index < len(self.item_marks) else (self.line, self.col)


def _mark(node: yaml.Node, line_offset: int = 0) -> tuple[int, int]:
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


def _check_graph(root: yaml.Node) -> None:
    """Refuse aliases and deep nesting before anything is constructed (iteratively: no recursion).

    The walk goes in document order, so the first visit of a node is its
    anchor and a second visit is an alias; an alias node has no position of
    its own, so the problem is reported where it is used (its key or list).
    """
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int, yaml.Node]] = [(root, 1, root)]
    while stack:
        node, depth, used_at = stack.pop()
        if id(node) in seen:
            line, col = _mark(used_at)
            raise YamlProblem(line, col, "YAML aliases (*name) are not supported here; write the value out")
        seen.add(id(node))
        if depth > MAX_DEPTH:
            line, col = _mark(node)
            raise YamlProblem(line, col, f"YAML nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.append((value, depth + 1, key))
                stack.append((key, depth + 1, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1, node) for item in reversed(node.value))


def _construct_map(loader: yaml.BaseLoader, node: yaml.MappingNode) -> MarkedMap:
    result = MarkedMap()
    offset = loader.line_offset
    result.line, result.col = _mark(node, offset)
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            line, col = _mark(key_node)
            raise YamlProblem(line, col, "YAML merge keys (<<) are not supported here; write the keys out")
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            line, col = _mark(key_node)
            raise YamlProblem(line, col, "a mapping key must be a plain name")
        if key in result:
            line, col = _mark(key_node)
            first_line = result.key_marks[key][0] - offset
            raise YamlProblem(line, col, f"duplicate key '{key}'", ("first given on line", first_line))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_marks[key] = _mark(key_node, offset)
        result.value_marks[key] = _mark(value_node, offset)
    return result


def _construct_seq(loader: yaml.BaseLoader, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList()
    result.line, result.col = _mark(node, loader.line_offset)
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_marks.append(_mark(item, loader.line_offset))
    return result


def _construct_timestamp(loader: yaml.BaseLoader, node: yaml.ScalarNode):
    # An impossible date such as 2015-13-45 stays a string, so validation can
    # say what is wrong with it, at its line, instead of PyYAML raising ValueError.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


class WrittenInt(int):
    """An integer that remembers how it was written ('0x1F', '012', '1_000', '1:30')."""

    written = ""


class WrittenFloat(float):
    """A float that remembers how it was written ('1.50', '1.0e+3')."""

    written = ""


# They still dump as the numbers they are (yaml.safe_dump knows only exact int and float).
yaml.representer.SafeRepresenter.add_representer(WrittenInt, yaml.representer.SafeRepresenter.represent_int)
yaml.representer.SafeRepresenter.add_representer(WrittenFloat, yaml.representer.SafeRepresenter.represent_float)


def _construct_number(loader: yaml.BaseLoader, node: yaml.ScalarNode):
    # YAML 1.1 reads 0x1F as 31, 012 as 10 and 1:30 as 90. A text field (a fact's
    # value) must show what the user wrote, not that arithmetic, so the text is kept.
    if node.tag.endswith(":int"):
        number = WrittenInt(yaml.SafeLoader.construct_yaml_int(loader, node))
    else:
        number = WrittenFloat(yaml.SafeLoader.construct_yaml_float(loader, node))
    number.written = node.value
    return number


def _loader_class(base: type) -> type:
    class Loader(base):  # type: ignore[misc, valid-type]
        line_offset = 0  # added to every mark, so values carry the lines of the file around the YAML

        def construct_document(self, node):  # noqa: ANN001 - PyYAML's signature
            _check_graph(node)
            return super().construct_document(node)

    Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
    Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)
    return Loader


_FastMarkedLoader = _loader_class(_FAST_LOADER)
_PureMarkedLoader = _loader_class(yaml.SafeLoader)


def load_yaml(text: str, line_offset: int = 0):
    """Parse one YAML document; raise YamlProblem with file lines (YAML line + line_offset)."""
    try:
        return _load(text, _FastMarkedLoader, line_offset)
    except YamlProblem as problem:
        raise problem.shifted(line_offset) from None
    except yaml.YAMLError:
        pass
    try:  # the pure loader gives the same message on every machine
        _load(text, _PureMarkedLoader)
    except YamlProblem as problem:
        raise problem.shifted(line_offset) from None
    except yaml.MarkedYAMLError as error:
        raise _describe(error).shifted(line_offset) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1 + line_offset, 1, f"YAML error: {error}") from None
    raise YamlProblem(1 + line_offset, 1, "YAML error")  # the fast loader failed where the pure one did not


def _check_depth(text: str, loader_class: type) -> None:
    """Refuse deep nesting from the event stream, before anything recursive runs.

    PyYAML's composer recurses once per level (in C for the fast loader), so a
    document such as 100,000 '[' would overflow the C stack and kill the process
    before `_check_graph` could see it. The parser that produces events keeps its
    own stack, so counting start and end events is safe at any depth; it stops
    at the first level too deep. Syntax errors are left to the real load.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader_class):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    raise YamlProblem(mark.line + 1, mark.column + 1, f"YAML nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return


def _load(text: str, loader_class: type, line_offset: int = 0):
    _check_depth(text, loader_class)
    loader = loader_class(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except RecursionError:
        raise YamlProblem(1, 1, f"YAML nested more than {MAX_DEPTH} levels deep") from None
    finally:
        loader.dispose()


_KEY_AND_VALUE = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"][^:#]*?):\s+(.+?)\s*$")


def _colon_hint(mark) -> str:
    """The most common YAML mistake, a ': ' inside an unquoted value, with the line as it should be."""
    message = "YAML syntax error: a ': ' inside an unquoted value; put the whole value in quotes"
    buffer = getattr(mark, "buffer", None)
    if not mark or not isinstance(buffer, str):
        return message
    lines = buffer.split("\n")
    written = lines[mark.line].rstrip("\r\0") if mark.line < len(lines) else ""
    found = _KEY_AND_VALUE.match(written)
    if not found:
        return message
    key, value = found.groups()
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{message}: {key}: {quoted}"


def _describe(error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or "invalid YAML"
    if "'\\t'" in problem or "\t" in problem:
        return YamlProblem(line, col, "YAML syntax error: a tab character; YAML indents with spaces only")
    if problem.startswith("could not determine a constructor"):
        return YamlProblem(line, col, "YAML tags (!!python/…, !name) are not supported here; remove the tag")
    if problem == "mapping values are not allowed here":
        return YamlProblem(line, col, _colon_hint(mark))
    if error.context == "expected a single document in the stream":
        return YamlProblem(line, col, "a second YAML document ('---') in one file; a file holds one document")
    context = f" {error.context}" if error.context else ""
    related = None
    if error.context_mark and error.problem_mark and error.context_mark.line != error.problem_mark.line:
        related = ("which started on line", error.context_mark.line + 1)
    return YamlProblem(line, col, f"YAML syntax error: {problem}{context}", related)
