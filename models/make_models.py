#!/usr/bin/env python3
"""Train, export and record Verinfer's bundled ONNX models.

Every model is trained with scikit-learn on a data set that ships inside scikit-learn (so nothing
is downloaded), and is written as a graph of standard `ai.onnx` operators only (Gemm, MatMul, Add,
Sub, Div, Relu, Softmax; opset 13), built with `onnx.helper` from the trained weights. No
`ai.onnx.ml` operator (LinearClassifier, ZipMap, TreeEnsemble...) is used, so tract runs them all.

For each model the script writes, into the models folder:

- `<name>.onnx`: the model. Its id is the blake2-256 of these bytes.
- `<name>.json`: the sidecar the engine reads: name, id, input and output spec (shape and
  fixed-point precision) and the suggested agreement tolerance.

and, for all models together:

- `models.json`: the index: id, file, shapes, precisions, tolerance, operators, data set and the
  model's quality on its held-out split.
- `expected.json`: for a few fixed sample inputs per model, the canonical input, the canonical output
  computed with onnxruntime (not tract), and that output's hash as the engine reports it.

Canonical values (see engine/README.md): a tensor is `{shape, data: [i64], precision}` with
`value = data / 10^precision`. The input is dequantized as `f32(f64(data) / 10^p)`, the model runs
in f32, and each output `y` becomes `round_half_away_from_zero(f64(y) * 10^p)`. `output_hash` is
`0x` + hex(blake2_256(SCALE(output))) where SCALE(tensor) = compact(len(shape)) ‖ shape as u32 LE ‖
compact(len(data)) ‖ data as i64 LE ‖ precision as u8.

Sample inputs come from each data set's held-out split, in order. A sample is skipped when one of
its outputs, scaled to the output precision, lies within `MARGIN` units of a rounding boundary
(x.5): there two honest float implementations may round apart, which is what the tolerance of a
model is for, and the recorded expectations must not depend on float noise.

Usage:
    python3 make_models.py            # (re)generate everything into this folder
    python3 make_models.py --check    # regenerate into a temporary folder; fail unless every
                                      # file is byte-identical to the committed one
    python3 make_models.py --audit F  # also write every held-out sample (no margin filter) to F

It also writes two tiny models for the engine's error-path tests into engine/tests/fixtures.

Determinism: fixed seeds and splits, single-threaded BLAS, pinned packages (requirements.txt),
sorted JSON. The ONNX bytes depend only on the trained weights.
"""

import os

# Single-threaded numeric libraries: the trained weights must not depend on thread scheduling.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import struct  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import onnxruntime as ort  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402
from sklearn.datasets import load_diabetes, load_digits, load_iris  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression, Ridge  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "engine", "tests", "fixtures")
OPSET = 13
IR_VERSION = 8
SEED = 0
SAMPLES_PER_MODEL = 5
# Minimum distance, in units of the output precision, between a recorded output and a rounding
# boundary. Observed |tract - onnxruntime| is far below this (see README.md).
MARGIN = 0.02
# Suggested agreement tolerance (in units of the output precision) for every model: two honest
# engines can only round apart by one unit, and only next to a boundary.
TOLERANCE = 1


# ---------------------------------------------------------------- canonical values


def round_half_away(x: float) -> float:
    """Round to the nearest integer, halves away from zero, exactly (no `floor(x + 0.5)`)."""
    t = math.trunc(x)
    if abs(x - t) >= 0.5:  # x - trunc(x) is exact in binary floating point
        t += 1 if x > 0 else -1
    return float(t)


def pow10(p: int) -> float:
    return float(10**p)  # exact for p <= 22


def quantize(values, precision: int):
    """Floats (f32 or f64) to canonical integers, as the engine does."""
    out = []
    for v in np.asarray(values, dtype=np.float64).ravel():
        r = round_half_away(float(v) * pow10(precision))
        if not math.isfinite(r) or not (-(2.0**63) <= r < 2.0**63):
            raise ValueError(f"value {v} does not fit at precision {precision}")
        out.append(int(r))
    return out


def dequantize(data, shape, precision: int) -> np.ndarray:
    """Canonical integers to the f32 tensor the model sees, as the engine does."""
    f = np.array([float(d) / pow10(precision) for d in data], dtype=np.float64)
    return f.astype(np.float32).reshape(shape)


def boundary_distance(values, precision: int) -> float:
    """Smallest distance of a scaled value to a rounding boundary (x.5), in output units."""
    worst = math.inf
    for v in np.asarray(values, dtype=np.float64).ravel():
        s = abs(float(v) * pow10(precision))
        frac = s - math.floor(s)
        worst = min(worst, abs(frac - 0.5))
    return worst


def compact(n: int) -> bytes:
    """SCALE compact encoding of a non-negative integer."""
    if n < 1 << 6:
        return bytes([n << 2])
    if n < 1 << 14:
        return struct.pack("<H", (n << 2) | 1)
    if n < 1 << 30:
        return struct.pack("<I", (n << 2) | 2)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "little")
    return bytes([((len(raw) - 4) << 2) | 3]) + raw


def scale_tensor(t) -> bytes:
    return (
        compact(len(t["shape"]))
        + b"".join(struct.pack("<I", d) for d in t["shape"])
        + compact(len(t["data"]))
        + b"".join(struct.pack("<q", d) for d in t["data"])
        + bytes([t["precision"]])
    )


def blake2_256_hex(b: bytes) -> str:
    return "0x" + hashlib.blake2b(b, digest_size=32).hexdigest()


def to_json(obj, indent: int = 0) -> str:
    """Sorted, indented JSON with lists of numbers or strings kept on one line."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f"{inner}{json.dumps(k)}: {to_json(obj[k], indent + 1)}" for k in sorted(obj)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and any(isinstance(v, (dict, list)) for v in obj):
        items = [f"{inner}{to_json(v, indent + 1)}" for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, separators=(", ", ": "))


# ---------------------------------------------------------------- graphs


def f32(a) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(a, dtype=np.float32))


def build_model(name, doc, nodes, initializers, n_in, out_shape, out_name):
    graph = helper.make_graph(
        nodes,
        name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, n_in])],
        [helper.make_tensor_value_info(out_name, TensorProto.FLOAT, out_shape)],
        initializer=[numpy_helper.from_array(f32(v), k) for k, v in initializers],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="verinfer-models",
        producer_version="1",
        doc_string=doc,
    )
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model, full_check=True)
    return model


def make_iris():
    data = load_iris()
    X, y = data.data, data.target
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=SEED, stratify=y)
    clf = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED).fit(Xtr, ytr)
    W = f32(clf.coef_.T)  # [4, 3]
    b = f32(clf.intercept_)  # [3]
    nodes = [
        helper.make_node("Gemm", ["input", "W", "b"], ["logits"], name="linear"),
        helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=1),
    ]
    model = build_model(
        "iris_logreg",
        "Multinomial logistic regression on scikit-learn's iris data. Input: sepal length, "
        "sepal width, petal length, petal width in cm. Output: probabilities of setosa, "
        "versicolor, virginica.",
        nodes,
        [("W", W), ("b", b)],
        4,
        [1, 3],
        "probabilities",
    )
    return {
        "name": "iris-logreg",
        "kind": "classifier",
        "description": "Multinomial logistic regression on the iris flowers (3 classes).",
        "dataset": "sklearn.datasets.load_iris (150 samples, 4 features), 70/30 stratified split",
        "input_meaning": "sepal length, sepal width, petal length, petal width (cm)",
        "output_meaning": "class probabilities (setosa, versicolor, virginica)",
        "model": model,
        "in_precision": 2,
        "out_precision": 4,
        # 0 to 10 cm: every flower measured, and outputs stay probabilities.
        "input_range": {"min": 0, "max": 1000},
        "X_test": Xte,
        "reference": lambda X: clf.predict_proba(X),
        "metric": {"test_accuracy": round(float(clf.score(Xte, yte)), 4)},
    }


def make_digits():
    data = load_digits()
    X, y = data.data, data.target  # pixels are integers 0..16
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=SEED, stratify=y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp = MLPClassifier(
            hidden_layer_sizes=(32,),
            activation="relu",
            solver="adam",
            alpha=1e-4,
            max_iter=300,
            random_state=SEED,
        ).fit(Xtr / 16.0, ytr)
    # The network was trained on pixels / 16; dividing the first weights by 16 (a power of two,
    # so exact) lets the model take the raw 0..16 pixel counts at precision 0.
    W1 = f32(mlp.coefs_[0] / 16.0)  # [64, 32]
    b1 = f32(mlp.intercepts_[0])
    W2 = f32(mlp.coefs_[1])  # [32, 10]
    b2 = f32(mlp.intercepts_[1])
    nodes = [
        helper.make_node("MatMul", ["input", "W1"], ["h_lin"], name="dense1"),
        helper.make_node("Add", ["h_lin", "b1"], ["h_pre"], name="bias1"),
        helper.make_node("Relu", ["h_pre"], ["h"], name="relu1"),
        helper.make_node("MatMul", ["h", "W2"], ["o_lin"], name="dense2"),
        helper.make_node("Add", ["o_lin", "b2"], ["logits"], name="bias2"),
        helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=1),
    ]
    model = build_model(
        "digits_mlp",
        "Multi-layer perceptron (64-32-10, ReLU, softmax) on scikit-learn's 8x8 handwritten "
        "digits. Input: the 64 pixel intensities 0..16, row by row. Output: probabilities of "
        "the digits 0..9.",
        nodes,
        [("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2)],
        64,
        [1, 10],
        "probabilities",
    )
    return {
        "name": "digits-mlp",
        "kind": "neural network",
        "description": "Small neural network (64-32-10, ReLU) on 8x8 handwritten digits.",
        "dataset": "sklearn.datasets.load_digits (1797 samples, 64 features), 75/25 stratified split",
        "input_meaning": "64 pixel intensities 0..16, row-major 8x8",
        "output_meaning": "probabilities of the digits 0..9",
        "model": model,
        "in_precision": 0,
        "out_precision": 4,
        # The data set's pixel intensities.
        "input_range": {"min": 0, "max": 16},
        "X_test": Xte,
        "reference": lambda X: mlp.predict_proba(X / 16.0),
        "metric": {"test_accuracy": round(float(mlp.score(Xte / 16.0, yte)), 4)},
    }


def make_diabetes():
    data = load_diabetes(scaled=False)  # raw units: age, sex, bmi, bp, six serum measurements
    X, y = data.data, data.target
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, random_state=SEED)
    scaler = StandardScaler().fit(Xtr)
    reg = Ridge(alpha=1.0).fit(scaler.transform(Xtr), ytr)
    mean = f32(scaler.mean_.reshape(1, -1))
    scale = f32(scaler.scale_.reshape(1, -1))
    W = f32(reg.coef_.reshape(-1, 1))  # [10, 1]
    b = f32(np.array([reg.intercept_]))
    nodes = [
        helper.make_node("Sub", ["input", "mean"], ["centered"], name="center"),
        helper.make_node("Div", ["centered", "scale"], ["standardized"], name="standardize"),
        helper.make_node("Gemm", ["standardized", "W", "b"], ["progression"], name="linear"),
    ]
    model = build_model(
        "diabetes_ridge",
        "Ridge regression on scikit-learn's diabetes data in raw units, with the standardization "
        "in the graph. Input: age, sex, bmi, bp, s1..s6. Output: disease progression one year "
        "after baseline.",
        nodes,
        [("mean", mean), ("scale", scale), ("W", W), ("b", b)],
        10,
        [1, 1],
        "progression",
    )
    Xte_t = scaler.transform(Xte)
    return {
        "name": "diabetes-ridge",
        "kind": "regressor",
        "description": "Ridge regression predicting diabetes progression from 10 raw measurements.",
        "dataset": "sklearn.datasets.load_diabetes(scaled=False) (442 samples, 10 features), 80/20 split",
        "input_meaning": "age, sex, bmi, bp, s1, s2, s3, s4, s5, s6 (raw units)",
        "output_meaning": "quantitative disease progression one year after baseline",
        "model": model,
        "in_precision": 4,
        # 0 to 1000 in raw units: above every measurement of the data set (cholesterol
        # and blood values reach about 300), far below where the output would overflow.
        "input_range": {"min": 0, "max": 10_000_000},
        "out_precision": 2,
        "X_test": Xte,
        "reference": lambda X: reg.predict(scaler.transform(X)).reshape(-1, 1),
        "metric": {"test_r2": round(float(reg.score(Xte_t, yte)), 4)},
    }


# ---------------------------------------------------------------- recording


def run_ort(session, x: np.ndarray) -> np.ndarray:
    return session.run(None, {"input": x})[0]


def canonical_sample(session, spec, x_row):
    in_shape = [1, int(x_row.shape[0])]
    in_data = quantize(x_row, spec["in_precision"])
    # The data sets' values are exact at the declared input precision.
    back = np.array(in_data, dtype=np.float64) / pow10(spec["in_precision"])
    assert np.allclose(back, x_row, rtol=0, atol=1e-9), (spec["name"], x_row)
    x = dequantize(in_data, in_shape, spec["in_precision"])
    y = run_ort(session, x)
    out = {"shape": [int(d) for d in y.shape], "data": quantize(y, spec["out_precision"]),
           "precision": spec["out_precision"]}
    inp = {"shape": in_shape, "data": in_data, "precision": spec["in_precision"]}
    return inp, out, y, x


def generate(out_dir: str, audit_path=None):
    os.makedirs(out_dir, exist_ok=True)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    index, expected, audit = [], [], []
    for make in (make_iris, make_digits, make_diabetes):
        spec = make()
        name = spec["name"]
        model_bytes = spec["model"].SerializeToString(deterministic=True)
        model_id = blake2_256_hex(model_bytes)
        with open(os.path.join(out_dir, f"{name}.onnx"), "wb") as f:
            f.write(model_bytes)
        session = ort.InferenceSession(model_bytes, opts, providers=["CPUExecutionProvider"])
        n_in = spec["X_test"].shape[1]
        out_shape = [int(d.dim_value) for d in
                     spec["model"].graph.output[0].type.tensor_type.shape.dim]
        ops = sorted({n.op_type for n in spec["model"].graph.node})
        in_spec = {"shape": [1, n_in], "precision": spec["in_precision"]}
        out_spec = {"shape": out_shape, "precision": spec["out_precision"]}

        samples, skipped, worst_ref = [], 0, 0.0
        for row in spec["X_test"]:
            inp, out, y, x = canonical_sample(session, spec, row)
            # onnxruntime must agree with scikit-learn's own prediction (the export is right).
            ref = spec["reference"](row.reshape(1, -1))
            worst_ref = max(worst_ref, float(np.max(np.abs(ref - y))))
            assert np.allclose(ref, y, rtol=1e-4, atol=1e-4), (name, ref, y)
            if audit_path is not None:
                audit.append({"model": model_id, "name": name, "input": inp, "output": out,
                              "float_output": [float(v) for v in y.ravel()]})
            if len(samples) >= SAMPLES_PER_MODEL:
                continue
            margin = boundary_distance(y, spec["out_precision"])
            if margin < MARGIN:
                skipped += 1
                continue
            samples.append({
                "input": inp,
                "output": out,
                "output_hash": blake2_256_hex(scale_tensor(out)),
                "boundary_margin": round(margin, 4),
            })
        assert len(samples) == SAMPLES_PER_MODEL, name

        sidecar = {
            "name": name,
            "id": model_id,
            "description": spec["description"],
            "input": in_spec,
            "output": out_spec,
            "tolerance": TOLERANCE,
            "input_range": spec["input_range"],
        }
        with open(os.path.join(out_dir, f"{name}.json"), "w") as f:
            f.write(to_json(sidecar) + "\n")

        index.append({
            "name": name,
            "id": model_id,
            "file": f"{name}.onnx",
            "sidecar": f"{name}.json",
            "bytes": len(model_bytes),
            "kind": spec["kind"],
            "description": spec["description"],
            "dataset": spec["dataset"],
            "input": dict(in_spec, meaning=spec["input_meaning"]),
            "output": dict(out_spec, meaning=spec["output_meaning"]),
            "tolerance": TOLERANCE,
            "ops": ops,
            "opset": OPSET,
            "metric": spec["metric"],
            "max_abs_diff_onnxruntime_vs_sklearn": float(f"{worst_ref:.3g}"),
        })
        expected.append({
            "name": name,
            "model": model_id,
            "skipped_near_boundary": skipped,
            "samples": samples,
        })
        print(f"{name}: {model_id} ({len(model_bytes)} bytes, ops {', '.join(ops)}, "
              f"{spec['metric']}, {skipped} samples skipped near a rounding boundary)")

    header = {
        "generator": "models/make_models.py",
        "canonical": "value = data / 10^precision; outputs rounded half away from zero",
        "output_hash": "0x + hex(blake2_256(SCALE(output tensor {shape: Vec<u32>, data: Vec<i64>, precision: u8})))",
        "computed_with": f"onnxruntime {ort.__version__} (CPUExecutionProvider), not tract",
        "boundary_margin_min": MARGIN,
    }
    with open(os.path.join(out_dir, "models.json"), "w") as f:
        f.write(to_json({"models": index}) + "\n")
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        f.write(to_json(dict(header, models=expected)) + "\n")
    if audit_path is not None:
        with open(audit_path, "w") as f:
            json.dump({"samples": audit}, f)
        print(f"audit: {len(audit)} samples written to {audit_path}")


# ---------------------------------------------------------------- test fixtures


def make_fixtures(out_dir: str):
    """Tiny models for the engine's error-path tests (engine/tests/fixtures), not bundled:

    - `reciprocal`: y = 1 / x on [1, 2], input precision 1, output precision 18. An input of 0
      gives an infinity (not finite), 0.1 gives 10 = 10^19 units (too large for an i64).
    - `unsupported`: an operator of an unknown domain; tract must refuse to load it.
    """
    os.makedirs(out_dir, exist_ok=True)
    recip = helper.make_graph(
        [helper.make_node("Reciprocal", ["input"], ["output"], name="reciprocal")],
        "reciprocal",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 2])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 2])],
    )
    unknown = helper.make_graph(
        [helper.make_node("Frobnicate", ["input"], ["output"], name="frob", domain="verinfer.test")],
        "unsupported",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 2])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 2])],
    )
    written = []
    for graph, extra_opsets, side in (
        (recip, [], {"input": {"shape": [1, 2], "precision": 1},
                     "output": {"shape": [1, 2], "precision": 18}}),
        (unknown, [helper.make_opsetid("verinfer.test", 1)],
         {"input": {"shape": [1, 2], "precision": 0},
          "output": {"shape": [1, 2], "precision": 0}}),
    ):
        model = helper.make_model(
            graph,
            opset_imports=[helper.make_opsetid("", OPSET)] + extra_opsets,
            producer_name="verinfer-models",
            producer_version="1",
        )
        model.ir_version = IR_VERSION
        data = model.SerializeToString(deterministic=True)
        name = graph.name
        with open(os.path.join(out_dir, f"{name}.onnx"), "wb") as f:
            f.write(data)
        side = dict(side, name=name, id=blake2_256_hex(data), tolerance=0)
        with open(os.path.join(out_dir, f"{name}.json"), "w") as f:
            f.write(to_json(side) + "\n")
        written += [f"{name}.onnx", f"{name}.json"]
    return written


def produced_files(directory):
    names = ["models.json", "expected.json"]
    for entry in json.load(open(os.path.join(directory, "models.json")))["models"]:
        names += [entry["file"], entry["sidecar"]]
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary folder and compare with this folder")
    parser.add_argument("--out", default=HERE, help="folder to write into (default: this one)")
    parser.add_argument("--fixtures", default=FIXTURES,
                        help="folder for the engine's test fixtures (default: engine/tests/fixtures)")
    parser.add_argument("--audit", help="write every held-out sample with its onnxruntime output")
    args = parser.parse_args()

    if not args.check:
        generate(args.out, args.audit)
        make_fixtures(args.fixtures)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp, args.audit)
        fixtures = make_fixtures(os.path.join(tmp, "fixtures"))
        pairs = [(name, os.path.join(tmp, name), os.path.join(args.out, name))
                 for name in produced_files(tmp)]
        pairs += [(f"fixtures/{name}", os.path.join(tmp, "fixtures", name),
                   os.path.join(args.fixtures, name)) for name in fixtures]
        bad = 0
        for name, fresh_path, path in pairs:
            fresh = open(fresh_path, "rb").read()
            committed = open(path, "rb").read() if os.path.exists(path) else None
            same = committed == fresh
            digest = hashlib.blake2b(fresh, digest_size=32).hexdigest()[:16]
            print(f"{'ok  ' if same else 'DIFF'} {name} blake2-256 {digest}...")
            bad += not same
        if bad:
            print(f"{bad} file(s) differ from the committed ones", file=sys.stderr)
            return 1
        print("all generated files reproduce byte for byte")
        return 0


if __name__ == "__main__":
    sys.exit(main())
