"""Calling torch.nn layers and losses: `nn.Linear(4, 2)(x)`, `nn.MSELoss()(a, b)`."""

from __future__ import annotations

from . import torch_api, transfer
from .transfer import Call, float_dtype, fresh, size_dim as as_dim
from .values import MAYBE, NO, UNKNOWN, YES, Const, Tensor, TorchModule, Tri, Value


def call_torch_module(interp, module: TorchModule, args, kwargs, node, state, frame) -> Value:
    kind = module.kind.rsplit(".", 1)[-1]
    call = Call(node, kind, None, list(args), dict(kwargs), state.grad)
    x = args[0] if args else None
    if kind in torch_api.LOSSES:
        reduction = module.kwarg("reduction")
        call.extra["reduction"] = reduction if reduction is not None else Const("mean")
        return transfer.loss(call, elementwise=torch_api.LOSSES[kind])
    if kind in torch_api.ACTIVATIONS:
        return _activation(interp, kind, module, x, node, state)
    if kind == "Sequential":
        value = x
        for layer in module.args:
            value = interp.call_value(layer, [value], {}, node, None, state, frame, False)
            if not isinstance(value, Tensor):
                return UNKNOWN
        return value
    layer_kind = torch_api.LAYERS.get(kind)
    if layer_kind is None:
        return UNKNOWN
    if not isinstance(x, Tensor):
        x = Tensor(requires_grad=MAYBE)  # whatever went in, a layer returns a tensor
    requires_grad = _output_requires_grad(interp, module, x, state.grad)
    origin = transfer.Origin(node, "module output") if requires_grad is YES else None
    if requires_grad is YES and x.requires_grad is YES and x.grad_origin is not None:
        origin = x.grad_origin
    dtype = float_dtype(x, module.state.params_dtype)
    if layer_kind == "linear":
        out = as_dim(module.kwarg("out_features", 1))
        shape = x.shape[:-1] + (out,) if x.shape else None
        return fresh(shape, requires_grad, dtype, origin)
    if layer_kind == "packed_same_shape" or (layer_kind == "same_shape" and x.contiguous is YES):
        return fresh(x.shape, requires_grad, dtype, origin)
    if layer_kind == "same_shape":
        # batch and group norms keep a channels-last input's memory order
        return Tensor(requires_grad=requires_grad, shape=x.shape, contiguous=MAYBE, dtype=dtype,
                      grad_origin=origin)
    if layer_kind == "embedding":
        dim = as_dim(module.kwarg("embedding_dim", 1))
        shape = x.shape + (dim,) if x.shape is not None else None
        return fresh(shape, requires_grad, module.state.params_dtype, origin)
    if layer_kind == "recurrent":
        return UNKNOWN
    return Tensor(requires_grad=requires_grad, contiguous=MAYBE, dtype=dtype, grad_origin=origin)


def _output_requires_grad(interp, module: TorchModule, x: Tensor, grad: Tri) -> Tri:
    if grad is NO:
        return NO
    params = interp.parameter_tensor(module.state).requires_grad
    flag = params.either(x.requires_grad)
    return MAYBE if grad is MAYBE and flag is YES else flag


def _activation(interp, kind: str, module: TorchModule, x, node, state) -> Value:
    if not isinstance(x, Tensor):
        return UNKNOWN
    call = Call(node, kind.lower(), x, [], {}, state.grad)
    if kind in ("Softmax", "LogSoftmax"):
        return transfer.fresh_op(call)
    if kind == "Flatten":
        start = module.kwarg("start_dim", 0) or Const(1)
        end = module.kwarg("end_dim", 1) or Const(-1)
        return transfer.flatten(Call(node, "flatten", x, [start, end], {}, state.grad))
    if kind == "Identity":
        return x
    return transfer.elementwise(call)

