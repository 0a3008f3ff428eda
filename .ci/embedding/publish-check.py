"""Measures a `dotnet publish` output folder and finds native code in it.

Usage: publish-check.py PUBLISH_DIR APP_NAME
Prints `size BYTES` (every file, the apphost included), `file BYTES PATH` per file, `apphost PATH` for the app's own
native launcher (APP_NAME, not a library) and `native PATH WHY` for every native library: anything under a runtimes/
folder, *.so / *.so.N / *.dylib / *.a files, ELF or Mach-O binaries other than the apphost, and *.dll / *.exe files that
are PE images without a CLI (.NET) header.
"""
import os
import struct
import sys

root, app = sys.argv[1], sys.argv[2]
MACHO = {b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"}


def pe_is_managed(data):
    """True when the PE image has a CLI header (data directory 14, the COM descriptor)."""
    if len(data) < 0x40 or data[:2] != b"MZ":
        return None
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        return None
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    directories = optional + (96 if magic == 0x10B else 112)
    count = struct.unpack_from("<I", data, directories - 4)[0]
    if count <= 14:
        return False
    rva, size = struct.unpack_from("<II", data, directories + 14 * 8)
    return rva != 0 and size != 0


total = 0
for folder, dirs, files in os.walk(root):
    for name in sorted(files):
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, root)
        size = os.path.getsize(path)
        total += size
        print(f"file {size} {rel}")
        with open(path, "rb") as f:
            data = f.read()
        parts = rel.split(os.sep)
        lower = name.lower()
        if "runtimes" in (p.lower() for p in parts[:-1]):
            print(f"native {rel} in-runtimes-folder")
        elif lower.endswith((".so", ".dylib", ".a")) or ".so." in lower:
            print(f"native {rel} native-library-extension")
        elif data[:4] == b"\x7fELF" or data[:4] in MACHO:
            if rel == app:
                print(f"apphost {rel}")
            else:
                print(f"native {rel} elf-or-mach-o-binary")
        elif lower.endswith((".dll", ".exe")) and pe_is_managed(data) is not True:
            print(f"native {rel} pe-without-cli-header")
print(f"size {total}")
