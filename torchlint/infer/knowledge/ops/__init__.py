"""What torch operations do to tensor facts: one transfer function per kind of effect,
split by family. The table (`knowledge/table.py`) names, for each function and
method, which of these it is. A transfer function takes the abstract call and
returns the abstract result; it never looks at syntax.
"""

from __future__ import annotations

from .base import (  # noqa: F401
    Call,
    as_dim,
    size_dim,
    as_int,
    as_bool,
    int_list,
    size_args,
    grad_of,
    fresh,
    with_layout,
    dtype_from,
    device_of,
    strides_unknown,
    view_or_copy_grad,
    asks_contiguous_format,
    DEFAULT_FLOAT,
)
from .factories import (  # noqa: F401
    factory,
    factory_like,
    full,
    randint,
    arange,
    linspace,
    eye,
    tensor_from_data,
    tensor_class,
    as_tensor,
    parameter,
    variable,
    new_tensor,
)
from .pointwise import (  # noqa: F401
    elementwise,
    comparison,
    cast,
    retype,
    clone,
    detach,
    requires_grad_,
    contiguous,
    to_python,
    is_contiguous,
    scalar_of,
)
from .sizes import (  # noqa: F401
    size,
    shape_value,
    dim_value,
    stride,
    grad_of_leaf,
    dim_count,
    numel,
    with_named_sizes,
    is_tensor_query,
)
from .views import (  # noqa: F401
    transpose,
    t_,
    reverse_dims,
    matrix_transpose,
    permute,
    expand,
    as_strided,
    narrow,
    slice_dim,
    chunk,
    split,
    unsqueeze,
    squeeze,
    view,
    view_target,
    flattens,
    reshape,
    flatten,
)
from .reductions import (  # noqa: F401
    reduction,
    reduction_with_indices,
    index_result,
    one_hot,
    matmul,
    fresh_op,
    index_select,
    gather,
    repeat,
    pad,
    concat,
    loss,
    linear_function,
    float_dtype,
    passthrough,
    opaque_result,
)
from .spatial import (  # noqa: F401
    interpolate,
    unfold,
    fold,
)
from .indexing import (  # noqa: F401
    index_tensor,
    unbind,
    MAX_UNBOUND,
)
