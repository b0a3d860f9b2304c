"""Ops over the spatial dims of an (N, C, *spatial) input: resampling
(`F.interpolate`, `nn.Upsample`) and sliding blocks (`F.unfold`, `F.fold`).
"""

from __future__ import annotations

import math
from typing import Optional

from ... import layout
from ...dims import Mono, is_one, product
from ...values import NO, UNKNOWN, YES, Const, Seq, Tensor, Value
from .base import Call, as_int, fresh, grad_of, size_dim, strides_unknown


def interpolate(call: Call) -> Value:
    """F.interpolate(input, size=None, scale_factor=None, mode='nearest', ...): the
    spatial dims resized, N and C kept; whatever the mode, a packed result from a
    packed input. torch gives the result the input's suggested memory format: a
    channels-last 4-d input keeps channels last (every mode); a 3-d input is packed
    except by mode 'area' (an adaptive pool over an unsqueezed input)."""
    t = call.arg(0, "input")
    if not isinstance(t, Tensor):
        return UNKNOWN
    requires_grad, origin = grad_of(call, [t])
    given = call.arg(3, "mode")
    mode = "nearest" if given is None else (given.value if isinstance(given, Const) else None)
    shape = _resized(t, call.arg(1, "size"), call.arg(2, "scale_factor"))
    result = fresh(shape, requires_grad, t.dtype, origin)
    if t.contiguous is YES:
        return result  # packed in, packed out
    rank = len(t.shape) if t.shape is not None else None
    if rank == 3 and isinstance(mode, str) and mode != "area":
        return result
    if rank == 4 and shape is not None and t.contiguous is NO and _exactly_channels_last(t):
        strides = channels_last_strides(shape)
        return result.with_(strides=strides, contiguous=NO, layout_origin=t.layout_origin)
    return strides_unknown(result)


def _resized(t: Tensor, size: Optional[Value], scale: Optional[Value]) -> Optional[tuple]:
    """(N, C, *out) of interpolate, with what is known of each dim."""
    spatial = len(t.shape) - 2 if t.shape is not None else None
    if spatial is not None and spatial not in (1, 2, 3):
        return None
    if size is not None and not (isinstance(size, Const) and size.value is None):
        sizes = list(size.items) if isinstance(size, Seq) else None
        if sizes is None:
            if spatial is None:
                return None
            sizes = [size] * spatial
        if spatial is not None and len(sizes) != spatial:
            return None
        out = [size_dim(v) for v in sizes]
    elif scale is not None:
        if t.shape is None:
            return None
        factors = list(scale.items) if isinstance(scale, Seq) else [scale] * spatial
        if len(factors) != spatial:
            return None
        out = [_scaled(d, f) for d, f in zip(t.shape[2:], factors)]
    else:
        return None
    lead = t.shape[:2] if t.shape is not None else (None, None)
    return tuple(lead) + tuple(out)


def _scaled(dim: Optional[Mono], factor: Value) -> Optional[Mono]:
    """floor(dim * factor): exact for an integral factor, else only for a known dim."""
    if dim is None or not isinstance(factor, Const) or type(factor.value) not in (int, float) or factor.value <= 0:
        return None
    value = factor.value
    if float(value).is_integer():
        return dim * Mono.of_int(int(value))
    size = dim.as_int()
    return Mono.of_int(math.floor(float(size) * value)) if size is not None else None


def _exactly_channels_last(t: Tensor) -> bool:
    """NHWC strides, no dim possibly of size 1 (where torch's guess of the memory
    format from the strides is ambiguous)."""
    return all(is_one(d) is False for d in t.shape) and layout.channels_last(t.shape, t.strides) is True


def channels_last_strides(shape: tuple) -> Optional[tuple]:
    """The strides of a new NHWC tensor of this (N, C, H, W) shape."""
    _, c, h, w = shape
    if None in (c, h, w):
        return None
    return (c * h * w, Mono.of_int(1), c * w, c)


def unfold(call: Call) -> Value:
    """F.unfold(input, kernel_size, dilation=1, padding=0, stride=1): (N, C*kh*kw, L)
    from (N, C, H, W), or (C*kh*kw, L) from (C, H, W); always packed. L, the number
    of blocks, is exact when every size is known, and a size of its own otherwise."""
    t = call.arg(0, "input")
    if not isinstance(t, Tensor):
        return UNKNOWN
    requires_grad, origin = grad_of(call, [t])
    kernel = _pair(call.arg(1, "kernel_size"))
    shape = None
    if t.shape is not None and len(t.shape) in (3, 4) and kernel is not None:
        channels = t.shape[-3]
        blocks = _block_count(t.shape[-2:], kernel, _pair(call.arg(2, "dilation"), 1),
                              _pair(call.arg(3, "padding"), 0), _pair(call.arg(4, "stride"), 1))
        columns = channels * Mono.of_int(kernel[0] * kernel[1]) if channels is not None else None
        shape = t.shape[:-3] + (columns, blocks)
    return fresh(shape, requires_grad, t.dtype, origin)


def fold(call: Call) -> Value:
    """F.fold(input, output_size, kernel_size, ...): (N, C, *output_size) from
    (N, C*kh*kw, L), or (C, *output_size) from (C*kh*kw, L); always packed."""
    t = call.arg(0, "input")
    if not isinstance(t, Tensor):
        return UNKNOWN
    requires_grad, origin = grad_of(call, [t])
    out = call.arg(1, "output_size")
    out = [size_dim(v) for v in out.items] if isinstance(out, Seq) else [size_dim(out)] * 2
    kernel = _pair(call.arg(2, "kernel_size"))
    shape = None
    if t.shape is not None and len(t.shape) in (2, 3) and len(out) == 2:
        columns = t.shape[-2]
        channels = None
        if columns is not None and kernel is not None:
            channels = columns / Mono.of_int(kernel[0] * kernel[1])
            if channels is not None and channels.coef.denominator != 1:
                channels = None  # torch raises: not divisible
        shape = t.shape[:-2] + (channels,) + tuple(out)
    return fresh(shape, requires_grad, t.dtype, origin)


def _pair(value: Optional[Value], default: Optional[int] = None) -> Optional[tuple]:
    """An int or a pair of ints, as a pair."""
    if value is None:
        return None if default is None else (default, default)
    if isinstance(value, Seq) and len(value.items) == 2:
        pair = tuple(as_int(v) for v in value.items)
        return None if None in pair else pair
    single = as_int(value)
    return None if single is None else (single, single)


def _block_count(spatial: tuple, kernel: tuple, dilation: Optional[tuple], padding: Optional[tuple],
                 stride: Optional[tuple]) -> Optional[Mono]:
    """L = prod over the spatial dims of (size + 2*pad - dil*(k-1) - 1) // stride + 1."""
    if dilation is None or padding is None or stride is None or any(s <= 0 for s in stride):
        return Mono.fresh("L")
    counts = []
    for size, k, d, p, s in zip(spatial, kernel, dilation, padding, stride):
        if size is not None and size.is_int():
            count = (size.as_int() + 2 * p - d * (k - 1) - 1) // s + 1
            if count < 1:
                return None  # torch raises: no block fits
            counts.append(Mono.of_int(count))
        elif size is not None and k == 1 and p == 0 and s == 1:
            counts.append(size)  # every position is a block
        else:
            return Mono.fresh("L")
    return product(counts)
