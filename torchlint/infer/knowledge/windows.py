"""Convolutions and pools: the sizes a sliding window gives.

Each spatial size out of a window is floor((size + 2 * padding - dilation * (kernel - 1)
- 1) / stride) + 1, computed only when every number is known: an unknown input size
may come out as 1, so it gives an unknown size, never a symbol (which would be
taken for 2 or more). A window that keeps the size (kernel 1, stride 1, no padding,
or padding='same') keeps the input's size, symbol or not.
"""

from __future__ import annotations

from typing import Optional

from ..dims import Mono
from ..values import Const, Seq, TorchModule, Value
from .ops import as_int, size_dim

# layer -> (number of spatial dims, its kind)
WINDOWED = {
    "Conv1d": (1, "conv"), "Conv2d": (2, "conv"), "Conv3d": (3, "conv"),
    "MaxPool1d": (1, "maxpool"), "MaxPool2d": (2, "maxpool"), "MaxPool3d": (3, "maxpool"),
    "AvgPool1d": (1, "avgpool"), "AvgPool2d": (2, "avgpool"), "AvgPool3d": (3, "avgpool"),
    "AdaptiveAvgPool1d": (1, "adaptive"), "AdaptiveAvgPool2d": (2, "adaptive"),
    "AdaptiveAvgPool3d": (3, "adaptive"), "AdaptiveMaxPool1d": (1, "adaptive"),
    "AdaptiveMaxPool2d": (2, "adaptive"), "AdaptiveMaxPool3d": (3, "adaptive"),
}

# where each argument is given by position: conv(in, out, kernel, stride, padding, dilation),
# max pool(kernel, stride, padding, dilation), avg pool(kernel, stride, padding)
_POSITIONS = {
    "conv": {"kernel_size": 2, "stride": 3, "padding": 4, "dilation": 5},
    "maxpool": {"kernel_size": 0, "stride": 1, "padding": 2, "dilation": 3},
    "avgpool": {"kernel_size": 0, "stride": 1, "padding": 2},
}


def output_shape(module: TorchModule, kind: str, shape: Optional[tuple]) -> Optional[tuple]:
    """The shape of a convolution's or a pool's output for an input of `shape` (batched
    or not); None when its rank is not the layer's."""
    spatial, family = WINDOWED[kind]
    if shape is None or len(shape) not in (spatial + 1, spatial + 2):
        return None
    lead, sizes = shape[:-spatial], shape[-spatial:]
    if family == "conv":
        lead = lead[:-1] + (size_dim(module.kwarg("out_channels", 1)),)
    if family == "adaptive":
        wanted = _per_dim(module.kwarg("output_size", 0), spatial)
        if wanted is None:
            return lead + (None,) * spatial
        return lead + tuple(size if w is None else Mono.of_int(w) for size, w in zip(sizes, wanted))
    if module.kwarg("ceil_mode", 5 if family == "maxpool" else 3) not in (None, Const(False)):
        return lead + (None,) * spatial
    numbers = {name: _per_dim(module.kwarg(name, position), spatial)
               for name, position in _POSITIONS[family].items()}
    padding = module.kwarg("padding", _POSITIONS[family]["padding"])
    same = isinstance(padding, Const) and padding.value == "same"
    kernel = numbers["kernel_size"]
    stride = numbers["stride"] if module.kwarg("stride", _POSITIONS[family]["stride"]) is not None else (
        kernel if family != "conv" else [1] * spatial)
    pad = [0] * spatial if same or padding is None or (isinstance(padding, Const) and padding.value == "valid") \
        else numbers["padding"]
    dilation = numbers.get("dilation") if module.kwarg("dilation", _POSITIONS[family].get("dilation")) is not None \
        else [1] * spatial
    if kernel is None or stride is None or pad is None or dilation is None:
        return lead + (None,) * spatial
    out = []
    for size, k, s, p, d in zip(sizes, kernel, stride, pad, dilation):
        if (same and s == 1) or (k == 1 and s == 1 and p == 0):
            out.append(size)
            continue
        n = size.as_int() if size is not None else None
        out.append(None if n is None or s <= 0 else Mono.of_int((n + 2 * p - d * (k - 1) - 1) // s + 1))
    return lead + tuple(out)


def _per_dim(value: Optional[Value], spatial: int) -> Optional[list]:
    """An int for every spatial dim (`3`, `(3, 1)`); None entries for a tuple's None."""
    if isinstance(value, Seq) and len(value.items) == spatial:
        items = [None if isinstance(v, Const) and v.value is None else as_int(v) for v in value.items]
        return items if all(i is not None or isinstance(v, Const) for i, v in zip(items, value.items)) else None
    number = as_int(value)
    return [number] * spatial if number is not None else None
