#!/usr/bin/python3
"""Checks ONNX files with the ONNX checker: onnx.checker.check_model(model, full_check=True) (structure, opset, and shape
inference), as issue 11 asks of every file `backprop export` writes.

    apt-get install -y python3-onnx        # Debian's ONNX 1.12, which checks opset 17
    /usr/bin/python3 tools/onnx_check.py m.onnx [more.onnx ...]

Prints "ok FILE (opset N, IR v, K nodes)" per file; exit code 1 if any file fails, 3 if the onnx module is missing.
"""
import sys

try:
    import onnx
except ImportError:
    print("onnx_check: the Python 'onnx' module is missing; install Debian's python3-onnx", file=sys.stderr)
    sys.exit(3)


def main(paths):
    failed = 0
    for path in paths:
        try:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
            opset = next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx"))
            print(f"ok {path} (opset {opset}, IR {model.ir_version}, {len(model.graph.node)} nodes)")
        except Exception as e:  # the checker raises several types; report each file on one line
            failed += 1
            print(f"FAILED {path}: {' '.join(str(e).split())}")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
