"""torch.nn: layers, losses and containers; the parameters of modules (the file's
nn.Module subclasses too) and what `model.requires_grad_()`, `.double()`,
`.parameters()` do to them."""

from __future__ import annotations

from typing import Optional

from .. import dims, layout
from ..dims import Mono
from ..run import RunFacts
from ..state import State
from ..values import (
    MAYBE, NO, UNKNOWN, YES, Const, Instance, ModuleState, Origin, ParamIterator, Seq, Tensor, TorchModule, Tri,
    Value,
)
from . import ops, table, windows
from .dtypes import CASTS
from .ops import Call, float_dtype, fresh, size_dim


def call_module(module: TorchModule, args, kwargs, node, state: State, run: RunFacts, call_layer) -> Value:
    """`layer(x)`, `loss(a, b)`, `nn.Sequential(...)(x)`: the output's facts. `call_layer(layer, x)`
    calls one layer of a Sequential (which may be a module of the file)."""
    kind = module.kind.rsplit(".", 1)[-1]
    call = Call(node, kind, None, list(args), dict(kwargs), state.grad, run=run)
    x = args[0] if args else None
    if kind in table.LOSSES:
        reduction = module.kwarg("reduction")
        call.extra["reduction"] = reduction if reduction is not None else Const("mean")
        for legacy in ("size_average", "reduce"):  # deprecated, but still read by torch
            if module.kwarg(legacy) is not None:
                call.extra[legacy] = module.kwarg(legacy)
        return ops.loss(call, per=table.LOSSES[kind])
    if kind in table.ACTIVATIONS:
        return _activation(kind, module, x, call)
    if kind in table.FUNCTION_LAYERS:
        if not isinstance(x, Tensor):
            x = Tensor(requires_grad=MAYBE)  # whatever went in, the layer returns a tensor
        qualname, fixed = table.FUNCTION_LAYERS[kind]
        keywords = {**dict(module.kwargs), **{key: Const(value) for key, value in fixed}}
        return table.FUNCTIONS[qualname](Call(node, qualname, None, [x, *module.args], keywords, state.grad, run=run))
    if kind == "Sequential":
        value = x
        for layer in module.args:
            value = call_layer(layer, value)
            if not isinstance(value, Tensor):
                return UNKNOWN
        return value
    if kind in windows.WINDOWED and windows.WINDOWED[kind][1] != "conv":
        return _pool(kind, module, x, call, state.grad)
    layer_kind = table.LAYERS.get(kind)
    if layer_kind is None:
        return UNKNOWN
    if not isinstance(x, Tensor):
        x = Tensor(requires_grad=MAYBE)  # whatever went in, a layer returns a tensor
    requires_grad = _output_requires_grad(module, x, state.grad, run)
    origin = Origin(node, "module output") if requires_grad is YES else None
    if requires_grad is YES and x.requires_grad is YES and x.grad_origin is not None:
        origin = x.grad_origin
    dtype = float_dtype(x, module.state.params_dtype)
    if kind in windows.WINDOWED:  # a convolution keeps a packed input packed
        shape = windows.output_shape(module, kind, x.shape)
        if x.contiguous is YES and shape is not None:
            return fresh(shape, requires_grad, dtype, origin)
        return Tensor(requires_grad=requires_grad, shape=shape, contiguous=MAYBE, dtype=dtype, grad_origin=origin)
    if layer_kind == "linear":
        if x.shape:
            # torch refuses any other input: from here on the two are one size
            dims.tie(x.shape[-1], size_dim(module.kwarg("in_features", 0)))
        out = size_dim(module.kwarg("out_features", 1))
        shape = x.shape[:-1] + (out,) if x.shape else None
        return fresh(shape, requires_grad, dtype, origin)
    if layer_kind == "packed_same_shape" or (layer_kind == "same_shape" and x.contiguous is YES):
        return fresh(x.shape, requires_grad, dtype, origin)
    if layer_kind == "same_shape":
        # batch and group norms keep a channels-last input's memory order
        return Tensor(requires_grad=requires_grad, shape=x.shape, contiguous=MAYBE, dtype=dtype,
                      grad_origin=origin)
    if layer_kind == "embedding":
        dim = size_dim(module.kwarg("embedding_dim", 1))
        shape = x.shape + (dim,) if x.shape is not None else None
        return fresh(shape, requires_grad, module.state.params_dtype, origin)
    if layer_kind == "recurrent":
        return _recurrent(kind, module, x, requires_grad, dtype, origin, node)
    if layer_kind == "attention":
        output = Tensor(requires_grad=requires_grad, contiguous=MAYBE, dtype=dtype, grad_origin=origin)
        return Seq((output, UNKNOWN), "tuple")
    return Tensor(requires_grad=requires_grad, contiguous=MAYBE, dtype=dtype, grad_origin=origin)


def _recurrent(kind: str, module: TorchModule, x: Tensor, requires_grad: Tri, dtype, origin, node) -> Value:
    """`output, h_n = rnn(x)` (`(h_n, c_n)` for an LSTM). With batch_first the output is
    (N, L, D*H) laid out as (L, N, D*H): a transposed tensor, which `.view(-1, D*H)`
    cannot flatten; otherwise it is packed. h_n is (D*layers, N, H), packed."""
    hidden = size_dim(module.kwarg("hidden_size", 1))
    layers = module.kwarg("num_layers", 2)
    layers = Mono.of_int(1) if layers is None else size_dim(layers)
    flags = [module.kwarg(name) for name in ("batch_first", "bidirectional")]
    if any(f is not None and not (isinstance(f, Const) and type(f.value) is bool) for f in flags) \
            or module.kwarg("proj_size") is not None or x.shape is None or len(x.shape) != 3:
        return UNKNOWN
    batch_first, both_ways = (bool(f.value) if f is not None else False for f in flags)
    directions = Mono.of_int(2 if both_ways else 1)
    width = None if hidden is None else directions * hidden
    steps, batch = (x.shape[1], x.shape[0]) if batch_first else (x.shape[0], x.shape[1])
    packed = fresh((steps, batch, width), requires_grad, dtype, origin)
    if batch_first:
        strides = packed.strides
        output = packed.with_(shape=(batch, steps, width), strides=None if strides is None else (
            strides[1], strides[0], strides[2]), contiguous=MAYBE if strides is None else NO,
            layout_origin=Origin(node, "batch_first output") if strides is not None else None)
    else:
        output = packed
    h_n = fresh((None if layers is None else directions * layers, batch, hidden), requires_grad, dtype, origin)
    state = Seq((h_n, h_n.with_()), "tuple") if kind == "LSTM" else h_n
    return Seq((output, state), "tuple")


def _pool(kind: str, module: TorchModule, x, call: Call, grad: Tri) -> Value:
    """A pool has no parameters: its output requires grad as its input does, and
    keeps a packed input packed."""
    if not isinstance(x, Tensor):
        return UNKNOWN
    requires_grad = NO if grad is NO else x.requires_grad
    shape = windows.output_shape(module, kind, x.shape)
    origin = x.grad_origin if requires_grad is YES else None
    if x.contiguous is YES and shape is not None:
        return fresh(shape, requires_grad, x.dtype, origin)
    return Tensor(requires_grad=requires_grad, shape=shape, contiguous=MAYBE, dtype=x.dtype, grad_origin=origin)


def _output_requires_grad(module: TorchModule, x: Tensor, grad: Tri, run: RunFacts) -> Tri:
    if grad is NO:
        return NO
    params = parameter_tensor(module.state, run).requires_grad
    flag = params.either(x.requires_grad)
    return MAYBE if grad is MAYBE and flag is YES else flag


def _activation(kind: str, module: TorchModule, x, layer_call: Call) -> Value:
    if not isinstance(x, Tensor):
        return UNKNOWN
    call = layer_call.derived(kind.lower(), x, [])
    if kind in ("Softmax", "LogSoftmax"):
        return ops.fresh_op(call)
    if kind == "Flatten":
        start = module.kwarg("start_dim", 0) or Const(1)
        end = module.kwarg("end_dim", 1) or Const(-1)
        return ops.flatten(call.derived("flatten", x, [start, end]))
    if kind == "Identity":
        return x
    return ops.elementwise(call)


def parameter_tensor(state: ModuleState, run: RunFacts, shape=None) -> Tensor:
    """A parameter of a module: a leaf, requiring grad unless the module was frozen."""
    flag = state.params_require_grad if not run.unknown_freeze else (
        MAYBE if state.params_require_grad is not NO else NO)
    return Tensor(requires_grad=flag, shape=shape, strides=layout.contiguous_strides(shape), contiguous=YES,
                  dtype=state.params_dtype, grad_origin=None, is_param_of=state, leaf=YES)


def module_attribute(module: TorchModule, name: str, run: RunFacts, node=None) -> Value:
    """`layer.weight`, `layer.bias` of a torch layer: its parameters, which require grad as
    the file shows: a layer it builds trains them unless it was frozen (`node` is where
    the file reads one, named as the origin of that fact)."""
    if name in ("weight", "bias") and module.kind.rsplit(".", 1)[-1] in table.LAYERS:
        if name == "bias" and not _has_bias(module):
            return UNKNOWN
        shape = None
        if module.kind.endswith(".Linear"):
            fan_in, fan_out = size_dim(module.kwarg("in_features", 0)), size_dim(
                module.kwarg("out_features", 1))
            shape = (fan_out, fan_in) if name == "weight" else (fan_out,)
        tensor = parameter_tensor(module.state, run, shape)
        if tensor.requires_grad is YES and node is not None:
            tensor = tensor.with_(grad_origin=Origin(node, "parameter"))
        return tensor
    return UNKNOWN


def _has_bias(module: TorchModule) -> bool:
    """Known to have a bias: `bias=True`, or no `bias=` and too few positional arguments
    to hold one (given by position, it is not read)."""
    for key, value in module.kwargs:
        if key == "bias":
            return isinstance(value, Const) and value.value is True
    return len(module.args) < 3


def module_method(module: Value, name: str, args, kwargs, run: RunFacts, node=None) -> Value:
    """Methods of torch modules and of the file's nn.Module subclasses that the file
    does not define: `parameters()`, `eval()`, `to(...)`, `requires_grad_(False)`..."""
    if name == "buffers":
        return ParamIterator(Tensor(requires_grad=NO, leaf=YES))  # running statistics and the like
    if name in ("parameters", "named_parameters"):
        element = parameter_tensor(combined_state(module), run)
        if element.requires_grad is YES and node is not None:
            element = element.with_(grad_origin=Origin(node, "parameters()"))
        if name == "named_parameters":
            element = Seq((UNKNOWN, element), "tuple")
        return ParamIterator(element, module)
    if name in ("eval", "train", "to", "cuda", "cpu", "float", "double", "half", "bfloat16", "type",
                "requires_grad_", "zero_grad", "apply"):
        if name == "requires_grad_":
            given = args[0] if args else kwargs.get("requires_grad", Const(True))
            update_module(module, set(), requires_grad=Tri.of(ops.as_bool(given)))
        elif name not in ("eval", "train", "zero_grad", "cuda", "cpu"):
            update_module(module, set(), dtype=module_dtype(name, args, kwargs))
        return module if name != "zero_grad" else Const(None)
    return UNKNOWN


def update_module(module: Value, seen: set, requires_grad: Optional[Tri] = None,
                  dtype: Optional[str] = None) -> None:
    """`module.requires_grad_(flag)`, `module.double()`: every parameter under the
    module, its layers' and its own `nn.Parameter` attributes. Module facts are
    shared by every path, so the change is joined in, never set."""
    if id(module) in seen:
        return
    seen.add(id(module))
    state = module.state
    if requires_grad is not None:
        state.params_require_grad = state.params_require_grad.join(requires_grad)
    if dtype is not None and dtype != state.params_dtype:
        state.params_dtype = join_dtype(state.params_dtype, dtype)
    children = list(module.args) if isinstance(module, TorchModule) else []
    if isinstance(module, Instance):
        for name, value in list(module.attrs.items()):
            if isinstance(value, Tensor) and value.is_param_of is not None:
                flag = value.requires_grad if requires_grad is None else value.requires_grad.join(requires_grad)
                kind = value.dtype if dtype is None or dtype == value.dtype else join_dtype(value.dtype, dtype)
                module.attrs[name] = value.with_(requires_grad=flag, dtype=kind,
                                                 grad_origin=value.grad_origin if flag is YES else None)
            else:
                children.append(value)
    for child in children:
        if isinstance(child, (TorchModule, Instance)):
            update_module(child, seen, requires_grad, dtype)


def combined_state(module: Value) -> ModuleState:
    """Parameters of a user module: its own, and those of the layers it holds."""
    if not isinstance(module, Instance):
        return module.state
    combined = ModuleState()
    combined.params_require_grad = module.state.params_require_grad
    for value in module.attrs.values():
        if isinstance(value, (TorchModule, Instance)) and value is not module:
            sub = value.state if isinstance(value, TorchModule) else value.state
            combined.params_require_grad = combined.params_require_grad.join(sub.params_require_grad)
    return combined


def module_dtype(name: str, args, kwargs) -> Optional[str]:
    """The dtype `module.<name>(...)` converts parameters to, the kind "float" when
    it cannot be told, None when it keeps them."""
    if name in ("float", "double", "half", "bfloat16"):
        return CASTS[name]
    given = [ops.dtype_from(v) for v in list(args) + list(kwargs.values())]
    if any(given):
        return next(d for d in given if d)
    values = list(args) + list(kwargs.values())
    if name == "to" and all(isinstance(v, Const) and isinstance(v.value, str) for v in values):
        return None  # a device
    return "float"


def join_dtype(a: Optional[str], b: Optional[str]) -> str:
    return a if a == b else "float"


def is_container(value: Value) -> bool:
    """An nn.Sequential, nn.ModuleList or nn.ModuleDict: its items are layers."""
    return isinstance(value, TorchModule) and value.kind.rsplit(".", 1)[-1] in table.CONTAINERS


def listed_layers(module: Value) -> Optional[tuple]:
    """The items an nn.Sequential (its arguments) or an nn.ModuleList (the list it was
    given) was made with, in order; None when they are not listed."""
    if not isinstance(module, TorchModule) or module.kwargs:
        return None
    short = module.kind.rsplit(".", 1)[-1]
    if short == "Sequential":
        return tuple(module.args)
    if short == "ModuleList" and len(module.args) == 1 and isinstance(module.args[0], Seq):
        return module.args[0].items
    return None


def module_item(module: TorchModule, indices: list) -> Value:
    """`seq[i]` with a known int index: the i-th layer the container was made with."""
    layers = listed_layers(module)
    if layers is None or len(indices) != 1:
        return UNKNOWN
    index = ops.as_int(indices[0])
    if index is None or not -len(layers) <= index < len(layers):
        return UNKNOWN
    return layers[index]
