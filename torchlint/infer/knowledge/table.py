"""The torch API as data: for each function, method and layer, its effect on tensor facts.

Adding an operation is one entry here; the interpreter's walk and the rules do
not change. An entry is a transfer function from `ops/`, with options
bound by `functools.partial` where the kind needs them. Names not in the table
give UNKNOWN, and rules stay silent on unknown values.
"""

from __future__ import annotations

from functools import partial as with_options

from . import ops as t
from .dtypes import CASTS

ELEMENTWISE = (
    "abs neg exp exp2 expm1 log log2 log10 log1p sigmoid tanh relu sqrt rsqrt sin cos tan asin acos atan "
    "sinh cosh erf square reciprocal floor ceil round trunc frac sign clamp clip clamp_min clamp_max "
    "add sub mul div true_divide floor_divide remainder fmod pow atan2 maximum minimum lerp where "
    "nan_to_num logaddexp hypot addcmul addcdiv "
    "__add__ __radd__ __sub__ __rsub__ __mul__ __rmul__ __truediv__ __rtruediv__ __floordiv__ "
    "__rfloordiv__ __mod__ __pow__ __rpow__ __neg__ __pos__ __abs__"
).split()
COMPARISONS = "eq ne lt le gt ge isnan isinf isfinite logical_not logical_and logical_or __eq__ __ne__ __lt__ __le__ __gt__ __ge__ __invert__ __and__ __or__ __xor__".split()
REDUCTIONS = "sum mean prod std var norm amax amin logsumexp nansum nanmean".split()
BOOL_REDUCTIONS = "all any".split()
def in_place_method(name: str) -> bool:
    """torch's naming: `add_`, `zero_`, `copy_` write into their receiver (`requires_grad_`
    sets a flag, `__iadd__` is an operator)."""
    return name.endswith("_") and not name.endswith("__") and name != "requires_grad_"


IN_PLACE = (
    "add_ sub_ mul_ div_ clamp_ zero_ fill_ copy_ normal_ uniform_ fill_diagonal_ masked_fill_ "
    "relu_ sigmoid_ tanh_ exp_ pow_ abs_ neg_ sqrt_ index_add_ scatter_ scatter_add_"
).split()

# Ops that allocate a packed result of the input's shape, whatever its strides
# (checked against torch in tests/test_api_layout.py).
# (out-of-place scatters and index_add/index_copy allocate packed even for a transposed
# input; index_fill keeps its input's strides and is not here)
PACKED_SAME_SHAPE = ("softmax log_softmax tril triu cumsum cumprod roll masked_fill masked_scatter scatter scatter_add "
                     "scatter_reduce index_add index_copy").split()

# Tensor methods, by name: x.<name>(...)
METHODS = {
    **{name: t.elementwise for name in ELEMENTWISE},
    **{name: t.comparison for name in COMPARISONS},
    **{name: t.reduction for name in REDUCTIONS},
    **{name: with_options(t.reduction, dtype="bool") for name in BOOL_REDUCTIONS},
    **{name: t.passthrough for name in IN_PLACE},
    **{name: with_options(t.cast, dtype=kind) for name, kind in CASTS.items()},
    "to": t.cast, "type": t.retype, "cuda": t.cast, "cpu": t.cast, "type_as": t.cast, "pin_memory": t.cast,
    "clone": t.clone,
    "detach": t.detach,
    "requires_grad_": t.requires_grad_,
    "contiguous": t.contiguous, "is_contiguous": t.is_contiguous,
    "item": t.to_python, "tolist": t.to_python, "numpy": t.to_python,
    "size": t.size, "stride": t.stride, "dim": t.dim_count, "ndimension": t.dim_count, "numel": t.numel,
    "transpose": t.transpose, "swapaxes": t.transpose, "swapdims": t.transpose,
    "t": t.t_,
    "permute": t.permute,
    "expand": t.expand, "expand_as": t.expand,
    "narrow": t.narrow, "as_strided": t.as_strided,
    "chunk": t.chunk, "split": t.split, "unbind": t.unbind,
    "unsqueeze": t.unsqueeze, "squeeze": t.squeeze,
    "view": t.view, "view_as": t.view,
    "reshape": t.reshape,
    "flatten": t.flatten,
    "max": t.reduction_with_indices, "min": t.reduction_with_indices, "median": t.reduction_with_indices,
    "mode": t.reduction_with_indices, "sort": t.reduction_with_indices, "topk": t.reduction_with_indices,
    "kthvalue": t.reduction_with_indices,
    "argmax": t.index_result, "argmin": t.index_result, "argsort": t.index_result, "nonzero": t.index_result,
    "matmul": t.matmul, "mm": t.matmul, "bmm": t.matmul, "mv": t.matmul, "dot": t.matmul,
    "__matmul__": t.matmul, "__rmatmul__": t.matmul,
    **{name: t.fresh_op for name in PACKED_SAME_SHAPE},
    "index_select": t.index_select, "repeat": t.repeat,
    "gather": t.gather, "take_along_dim": t.gather,
    "flip": t.elementwise,
    "new_tensor": t.new_tensor,
    "new_zeros": t.factory, "new_ones": t.factory, "new_empty": t.factory,
    "new_full": t.full,
}

# The same operations called as torch.<name>(tensor, ...): the first argument is the receiver.
FUNCTION_FORMS = set(ELEMENTWISE) | set(COMPARISONS) | set(REDUCTIONS) | set(BOOL_REDUCTIONS) | {
    "clone", "detach", "transpose", "swapaxes", "t", "permute", "narrow", "chunk", "split", "unbind", "unsqueeze",
    "squeeze", "reshape", "flatten", "max", "min", "median", "sort", "topk", "kthvalue", "argmax", "argmin",
    "argsort", "nonzero", "matmul", "mm", "bmm", "mv", "dot", "index_select", "gather", "take_along_dim", "numel", "conj", "flip", "as_strided",
    *PACKED_SAME_SHAPE,
}

# Module-level functions, by qualified name.
FUNCTIONS = {
    "torch.randn": t.factory, "torch.rand": t.factory, "torch.zeros": t.factory, "torch.ones": t.factory,
    "torch.empty": t.factory, "torch.randperm": with_options(t.factory, dtype="int64"),
    "torch.full": t.full, "torch.randint": t.randint,
    "torch.arange": t.arange, "torch.range": t.arange, "torch.linspace": t.linspace, "torch.eye": t.eye,
    "torch.zeros_like": t.factory_like, "torch.ones_like": t.factory_like, "torch.randn_like": t.factory_like,
    "torch.rand_like": t.factory_like, "torch.empty_like": t.factory_like, "torch.full_like": t.factory_like,
    "torch.tensor": t.tensor_from_data,
    "torch.as_tensor": t.as_tensor, "torch.from_numpy": t.as_tensor,
    "torch.Tensor": t.tensor_class, "torch.FloatTensor": with_options(t.tensor_class, dtype="float32"),
    "torch.DoubleTensor": with_options(t.tensor_class, dtype="float64"),
    "torch.LongTensor": with_options(t.tensor_class, dtype="int64"),
    "torch.IntTensor": with_options(t.tensor_class, dtype="int32"),
    "torch.BoolTensor": with_options(t.tensor_class, dtype="bool"),
    "torch.is_tensor": t.is_tensor_query,
    "torch.nn.Parameter": t.parameter, "torch.nn.parameter.Parameter": t.parameter,
    "torch.autograd.Variable": t.variable, "torch.autograd.variable.Variable": t.variable,
    "torch.cat": t.concat, "torch.concat": t.concat, "torch.concatenate": t.concat, "torch.stack": t.concat,
    "torch.conj": t.elementwise,
    "torch.nn.functional.linear": t.linear_function,
    "torch.nn.functional.softmax": t.fresh_op, "torch.nn.functional.log_softmax": t.fresh_op,
    "torch.nn.functional.layer_norm": t.fresh_op, "torch.nn.functional.normalize": t.elementwise,
    "torch.nn.functional.pad": t.pad, "torch.nn.functional.one_hot": t.one_hot,
    "torch.nn.functional.interpolate": t.interpolate, "torch.nn.functional.upsample": t.interpolate,
    "torch.nn.functional.unfold": t.unfold, "torch.nn.functional.fold": t.fold,
    **{f"torch.nn.functional.{name}": t.elementwise for name in (
        "relu", "gelu", "silu", "elu", "leaky_relu", "sigmoid", "tanh", "dropout", "dropout1d", "dropout2d",
        "dropout3d", "alpha_dropout", "feature_alpha_dropout", "softplus", "mish",
        "hardtanh", "relu6", "selu", "celu", "logsigmoid")},
    **{f"torch.nn.functional.{name}": t.loss for name in (
        "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "binary_cross_entropy",
        "binary_cross_entropy_with_logits", "kl_div", "soft_margin_loss")},
    **{f"torch.nn.functional.{name}": with_options(t.loss, per="sample") for name in ("cross_entropy", "nll_loss")},
    **{f"torch.nn.functional.{name}": with_options(t.loss, per="other") for name in (
        "cosine_embedding_loss", "margin_ranking_loss", "triplet_margin_loss", "multi_margin_loss",
        "multilabel_margin_loss", "ctc_loss")},
}
FUNCTIONS = {**{f"torch.{name}": METHODS.get(name, t.elementwise) for name in FUNCTION_FORMS}, **FUNCTIONS}

# Ops whose result is a view of their input (its requires_grad follows the input's
# base); other results are new tensors, unless the transfer function says otherwise.
VIEWS = frozenset(
    "transpose swapaxes swapdims t permute expand expand_as narrow chunk split unbind unsqueeze squeeze view view_as "
    "as_strided T mT H mH __getitem__".split()
)

# Methods that make a new leaf, not an op's result: x.new_zeros(..., requires_grad=True)
FRESH_LEAVES = frozenset("new_zeros new_ones new_empty new_full new_tensor".split())
# Functions and layers that may hand their input back (dropout outside training, identity):
# whether the result is a leaf is not known
MAY_RETURN_INPUT = frozenset("dropout Dropout Dropout2d Identity Flatten atleast_1d as_tensor Tensor".split())

# Tensor attributes: x.<name>
ATTRIBUTES = {
    "T": t.reverse_dims,
    "mT": t.matrix_transpose, "H": t.reverse_dims, "mH": t.matrix_transpose,
    "data": t.detach,
    "shape": t.size,
}

# torch.nn classes. "layer": calling it runs a forward whose parameters require
# grad; "loss": calling it computes a loss; "container": calls its children.
LAYERS = {
    "Linear": "linear", "Bilinear": "layer", "LazyLinear": "linear",
    "Conv1d": "layer", "Conv2d": "layer", "Conv3d": "layer", "ConvTranspose1d": "layer",
    "ConvTranspose2d": "layer", "ConvTranspose3d": "layer",
    "Embedding": "embedding", "EmbeddingBag": "layer", "LSTM": "recurrent", "GRU": "recurrent", "RNN": "recurrent",
    "LayerNorm": "packed_same_shape", "RMSNorm": "packed_same_shape", "BatchNorm1d": "same_shape",
    "BatchNorm2d": "same_shape", "BatchNorm3d": "same_shape", "SyncBatchNorm": "same_shape",
    "InstanceNorm1d": "same_shape", "InstanceNorm2d": "same_shape", "InstanceNorm3d": "same_shape",
    "GroupNorm": "same_shape", "TransformerEncoderLayer": "layer", "TransformerEncoder": "layer",
    "TransformerDecoderLayer": "layer", "TransformerDecoder": "layer", "Transformer": "layer",
    # (attn_output, attn_weights): a tuple, the weights None with need_weights=False
    "MultiheadAttention": "attention",
}
ACTIVATIONS = (
    "ReLU GELU SiLU Tanh Sigmoid Dropout Identity LeakyReLU ELU Softplus Mish Hardtanh ReLU6 Softmax "
    "LogSoftmax Flatten Dropout2d"
).split()
LOSSES = {
    "MSELoss": "element", "L1Loss": "element", "SmoothL1Loss": "element", "HuberLoss": "element",
    "BCELoss": "element", "BCEWithLogitsLoss": "element", "KLDivLoss": "element", "SoftMarginLoss": "element",
    "CrossEntropyLoss": "sample", "NLLLoss": "sample",
    "CosineEmbeddingLoss": "other", "MarginRankingLoss": "other", "TripletMarginLoss": "other", "CTCLoss": "other",
    "MultiMarginLoss": "other",
}  # what a loss with reduction='none' has one value for (ops.loss)
CONTAINERS = ("Sequential", "ModuleList", "ModuleDict")  # modules whose items are layers
# Layers without parameters that call a function with their constructor's arguments
# after the input (and these fixed keywords): nn.Upsample(scale_factor=2)(x) is
# F.interpolate(x, scale_factor=2).
FUNCTION_LAYERS = {
    "Upsample": ("torch.nn.functional.interpolate", ()),
    "UpsamplingNearest2d": ("torch.nn.functional.interpolate", (("mode", "nearest"),)),
    "UpsamplingBilinear2d": ("torch.nn.functional.interpolate", (("mode", "bilinear"),)),
    "Unfold": ("torch.nn.functional.unfold", ()),
    "Fold": ("torch.nn.functional.fold", ()),
}

GRAD_MODE = {
    "torch.no_grad": False, "torch.inference_mode": False, "torch.enable_grad": True,
    "torch.autograd.no_grad": False, "torch.autograd.grad_mode.no_grad": False,
    "torch.autograd.enable_grad": True,
}
SET_GRAD_ENABLED = ("torch.set_grad_enabled", "torch.autograd.set_grad_enabled")
SET_DEFAULT_DTYPE = ("torch.set_default_dtype", "torch.set_default_tensor_type")
# the device factories use when not given one; `with torch.device(...)` sets it too
SET_DEFAULT_DEVICE = ("torch.set_default_device", "torch.set_default_tensor_type")
# Methods that choose their result's device (the others make it where their inputs are)
DEVICE_CHOOSING = frozenset("to cuda cpu type_as type".split())

# Methods that only a torch.Tensor has among the values code passes around (numpy
# arrays, lists, modules, PIL images): a parameter they are called on is a tensor.
# `.view` counts with two or more sizes (numpy's `.view(dtype)` takes one); `.size()`
# and `.dim()` are called only on tensors (numpy's `size` is not callable).
TENSOR_ONLY_METHODS = frozenset(
    "permute contiguous is_contiguous unsqueeze unsqueeze_ detach detach_ masked_fill masked_fill_ "
    "new_zeros new_ones new_empty new_full new_tensor expand expand_as view_as reshape_as narrow unbind "
    "backward softmax log_softmax type_as element_size retain_grad data_ptr size dim".split())

# Every function of these modules returns a tensor, or for those in TUPLE_RESULTS a
# tuple of that many tensors; one the table has no entry for gives unknown facts.
TENSOR_MODULES = ("torch.fft.", "torch.special.", "torch.linalg.")
TUPLE_RESULTS = {
    f"torch.linalg.{name}": count for name, count in (
        ("eigh", 2), ("eig", 2), ("qr", 2), ("svd", 3), ("slogdet", 2), ("lstsq", 4), ("lu", 3),
        ("lu_factor", 2), ("lu_factor_ex", 3), ("inv_ex", 2), ("cholesky_ex", 2), ("solve_ex", 2),
        ("ldl_factor", 2), ("ldl_factor_ex", 3))
}

# What gives probabilities (their output sums to 1 over the dim), which a loss that takes
# logits would pass through log-softmax again: the functions and methods, and the layers.
SOFTMAX = ("softmax",)
SOFTMAX_LAYERS = ("Softmax",)
LOG_SOFTMAX = ("log_softmax",)  # exp of its output is a softmax's
LOG_SOFTMAX_LAYERS = ("LogSoftmax",)
# reshapes that keep a softmax's rows when they keep the last size
ROW_KEEPING = ("view", "reshape", "view_as", "unsqueeze", "squeeze", "flatten")
