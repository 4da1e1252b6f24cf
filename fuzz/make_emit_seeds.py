#!/usr/bin/env python3
"""Writes fuzz/corpus/emit/: findings encoded the way emit_check.cpp's ByteReader
reads them, with the paths and messages CI surfaces must survive."""
import os
import struct
import sys


def text(value):
    data = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value
    if len(data) < 200:
        return bytes([len(data)]) + data
    return bytes([200 + len(data) // 256, len(data) % 256]) + data


def number(value):
    return bytes([value]) if value < 250 else b"\xfa" + struct.pack(">I", value)


def finding(rule, path, line, col, message, help_text="", source="", related=()):
    out = bytes([rule]) + text(path) + number(line) + number(col) + b"\x00" + number(min(col + 5, 4294967295))
    out += text(message) + text(help_text) + text(source) + bytes([len(related)])
    for rel_path, rel_line in related:
        out += text(rel_path) + number(rel_line) + number(1) + b"\x00" + number(2)
    return out


def seed(flags, root, files, findings):
    return bytes([flags]) + text(root) + number(files) + bytes([len(findings)]) + b"".join(findings)


SEEDS = {
    "empty": seed(0, "project", 3, []),
    "one": seed(0, "work/app", 1, [finding(0, "app.py", 6, 1, "`threading.Thread` started at import time",
                                           "move it to a cron job", "threading.Thread(target=work).start()")]),
    "workflow_commands": seed(0, "w", 2, [
        finding(1, "::error file=x.py,line=1::pwned.py", 1, 1, "::warning::inject\n::error::again", "100%"),
        finding(2, "odd/new\n::error file=x.py::y.py", 3, 4, "a\r\n::notice::b%0A", "%25"),
        finding(0, "x##[stop-commands]tok.py", 2, 2, "##[error]legacy", "##[add-mask]secret"),
    ]),
    "markdown": seed(1, "r", 1, [finding(3, "a,b:c%d|e`f.py", 2, 14, "<script>alert(1)</script> *b* [l](http://x) @app |",
                                         "use `x | y`", "x = 1", related=[("vercel.json", 4)])]),
    "unicode": seed(2, "проект", 1, [finding(0, "src/wéird dir/ünïcødé 文件.py", 5, 5, "line ✓ 🚀\u00a0::x::y",
                                             "", "\u3000::error::z"), finding(1, "\u00a0::error::nbsp.py", 1, 1, "m")]),
    "invalid_utf8": seed(0, "p", 1, [finding(0, b"bad\xff\xfe.py", 1, 1, b"caf\xe9 \xc3", b"\xed\xa0\x80", b"\x00\x1b[31m")]),
    "huge_positions": seed(0, "p", 1, [finding(1, "a.py", 4294967295, 4294967295, "far away")]),
    # Flag 4: the first findings' files are also files Python will not import.
    "unimportable": seed(4, "w", 2, [
        finding(0, "::error file=x.py,line=1::pwned.py", 5, 1, "syntax error on line 5\n::error::again"),
        finding(1, "a|b\n- [x](y).py", 0, 1, "indentation error%0A"),
        finding(2, "::error file=x.py,line=1::pwned.py", 9, 1, "second finding of the same file"),
    ]),
}

folder = os.path.join(os.path.dirname(os.path.abspath(sys.argv[0])), "corpus", "emit")
os.makedirs(folder, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)
