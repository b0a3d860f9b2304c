"""What torch operations do to tensor facts: one transfer function per kind of effect,
split by family. The table (`knowledge/table.py`) names, for each function and
method, which of these it is. A transfer function takes the abstract call and
returns the abstract result; it never looks at syntax.
"""

from __future__ import annotations

from .base import (  # noqa: F401
    DEFAULT_FLOAT,
    Call,
    as_bool,
    as_dim,
    as_int,
    asks_contiguous_format,
    dtype_from,
    fresh,
    grad_of,
    int_list,
    size_args,
    size_dim,
    strides_unknown,
    view_or_copy_grad,
    with_layout,
)
from .factories import (  # noqa: F401
    arange,
    as_tensor,
    eye,
    factory,
    factory_like,
    full,
    linspace,
    new_tensor,
    parameter,
    randint,
    tensor_class,
    tensor_from_data,
)
from .indexing import (  # noqa: F401
    index_tensor,
)
from .pointwise import (  # noqa: F401
    cast,
    clone,
    comparison,
    contiguous,
    detach,
    elementwise,
    is_contiguous,
    requires_grad_,
    scalar_of,
    to_python,
)
from .reductions import (  # noqa: F401
    concat,
    float_dtype,
    fresh_op,
    index_result,
    index_select,
    linear_function,
    loss,
    matmul,
    pad,
    passthrough,
    reduction,
    reduction_with_indices,
    repeat,
)
from .sizes import (  # noqa: F401
    dim_count,
    dim_value,
    grad_of_leaf,
    numel,
    shape_value,
    size,
    stride,
    with_named_sizes,
)
from .views import (  # noqa: F401
    as_strided,
    chunk,
    expand,
    flatten,
    flattens,
    matrix_transpose,
    narrow,
    permute,
    reshape,
    reverse_dims,
    slice_dim,
    split,
    squeeze,
    t_,
    transpose,
    unsqueeze,
    view,
    view_target,
)
